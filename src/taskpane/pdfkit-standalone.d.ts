// webpack aliases "pdfkit-standalone" to pdfkit/js/pdfkit.standalone.js (not exported by pdfkit's
// package.json, see webpack.config.js): the browser build of the same PDFDocument.
declare module "pdfkit-standalone" {
  const PDFDocument: typeof import("pdfkit");
  export default PDFDocument;
}
