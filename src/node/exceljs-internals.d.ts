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

declare module "exceljs/lib/xlsx/xform/sheet/worksheet-xform" {
  import type XmlStream from "exceljs/lib/utils/xml-stream";
  class WorksheetXform {
    render(stream: XmlStream, model: unknown): void;
  }
  export = WorksheetXform;
}

declare module "exceljs/lib/xlsx/xform/core/relationships-xform" {
  import type XmlStream from "exceljs/lib/utils/xml-stream";
  class RelationshipsXform {
    render(stream: XmlStream, model: unknown): void;
  }
  export = RelationshipsXform;
}

declare module "exceljs/lib/xlsx/xform/comment/comments-xform" {
  import type XmlStream from "exceljs/lib/utils/xml-stream";
  class CommentsXform {
    render(stream: XmlStream, model: unknown): void;
  }
  export = CommentsXform;
}

declare module "exceljs/lib/xlsx/xform/comment/vml-notes-xform" {
  import type XmlStream from "exceljs/lib/utils/xml-stream";
  class VmlNotesXform {
    render(stream: XmlStream, model: unknown): void;
  }
  export = VmlNotesXform;
}
