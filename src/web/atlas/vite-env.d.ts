// Vite asset imports used by the atlas (the worker script of MapLibre is copied as a file).
declare module '*?url' {
  const url: string;
  export default url;
}
