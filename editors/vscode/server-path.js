// Where the jixiao binary is: the setting `jixiao.path` when given, else the
// first `jixiao` (`jixiao.exe` on Windows) on PATH. Kept apart from the
// extension so that `node --test` can check it without VS Code.
'use strict';

const fs = require('fs');
const path = require('path');

function isFile(p) {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * @param {string | undefined} setting the `jixiao.path` setting
 * @param {NodeJS.ProcessEnv} env the environment (PATH, PATHEXT)
 * @param {string} platform process.platform
 * @returns {string | undefined} the binary to run, or undefined if none
 */
function findServer(setting, env, platform) {
  if (setting && setting.trim() !== '') {
    return setting.trim();
  }
  const windows = platform === 'win32';
  const names = windows
    ? (env.PATHEXT || '.EXE;.CMD;.BAT').split(';').map((ext) => 'jixiao' + ext.toLowerCase())
    : ['jixiao'];
  const dirs = (env.PATH || env.Path || '').split(windows ? ';' : ':').filter((d) => d !== '');
  for (const dir of dirs) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (isFile(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

module.exports = { findServer };
