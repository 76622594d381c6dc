/**
 * The parts of exceljs 4.4.0's internals that xlsxWrite.ts uses to render worksheets (exceljs is
 * pinned; the package has no "exports" map, so these paths resolve). Only what is called is typed.
 */
declare module "exceljs/lib/utils/xml-stream" {
  class XmlStream {
    /** The pieces written so far, joined by the `xml` getter. */
    protected _xml: string[];
    /** Open rollback points (indices into _xml). */
    protected _rollbacks: unknown[];
    closeNode(): void;
    closeAll(): void;
    readonly xml: string;
  }
  export = XmlStream;
}

/** exceljs's part renderers (BaseXform subclasses): each renders its model into an XmlStream. */
declare module "exceljs/lib/xlsx/xform/base-xform" {
  import type XmlStream from "exceljs/lib/utils/xml-stream";
  class BaseXform {
    render(stream: XmlStream, model: unknown): void;
  }
  export = BaseXform;
}

declare module "exceljs/lib/xlsx/xform/sheet/worksheet-xform" {
  import BaseXform from "exceljs/lib/xlsx/xform/base-xform";
  export = BaseXform;
}

declare module "exceljs/lib/xlsx/xform/core/relationships-xform" {
  import BaseXform from "exceljs/lib/xlsx/xform/base-xform";
  export = BaseXform;
}

declare module "exceljs/lib/xlsx/xform/comment/comments-xform" {
  import BaseXform from "exceljs/lib/xlsx/xform/base-xform";
  export = BaseXform;
}

declare module "exceljs/lib/xlsx/xform/comment/vml-notes-xform" {
  import BaseXform from "exceljs/lib/xlsx/xform/base-xform";
  export = BaseXform;
}
