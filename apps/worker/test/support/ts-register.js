// Lets plain `node` run the TypeScript sources (`node -r ./apps/worker/test/support/ts-register.js
// apps/worker/src/main.ts`), the way jest's ts-jest does (per-file transpile, no type check), so
// a test can run the worker as a real child process it may kill.
/* global require, __dirname */
/* eslint-disable @typescript-eslint/no-require-imports */
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const ts = require('typescript');

const root = path.resolve(__dirname, '../../../..');
const { config } = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
const { options } = ts.convertCompilerOptionsFromJson(
  {
    ...config.compilerOptions,
    module: 'commonjs',
    moduleResolution: 'node',
    sourceMap: false,
    inlineSourceMap: true,
  },
  root,
);

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    compilerOptions: options,
    fileName: filename,
  });
  module._compile(outputText, filename);
};

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const alias = /^@hybridmatch\/([a-z-]+)(\/.*)?$/.exec(request);
  return resolveFilename.call(
    this,
    alias ? path.join(root, 'libs', alias[1], 'src', alias[2] ?? '') : request,
    ...rest,
  );
};
