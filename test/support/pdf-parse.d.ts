// pdf-parse's own entry runs a self-test when it has no parent module (as under Jest); its library file does not.
declare module 'pdf-parse/lib/pdf-parse.js' {
  import parse = require('pdf-parse');
  export = parse;
}
