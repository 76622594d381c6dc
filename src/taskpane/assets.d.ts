// webpack loads stylesheets as text (asset/source in webpack.config.js).
declare module "*.css" {
  const text: string;
  export default text;
}
