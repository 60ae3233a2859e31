'use strict';

const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { findServer } = require('../server-path');

test('the setting wins over PATH', () => {
  assert.strictEqual(findServer(' /opt/jixiao ', { PATH: '/usr/bin' }, 'linux'), '/opt/jixiao');
});

test('the first jixiao on PATH, else none', () => {
  const a = fs.mkdtempSync(path.join(os.tmpdir(), 'jx-a-'));
  const b = fs.mkdtempSync(path.join(os.tmpdir(), 'jx-b-'));
  fs.writeFileSync(path.join(b, 'jixiao'), '');
  assert.strictEqual(findServer('', { PATH: `${a}:${b}` }, 'linux'), path.join(b, 'jixiao'));
  assert.strictEqual(findServer(undefined, { PATH: a }, 'linux'), undefined);
  // A folder named jixiao is no binary.
  fs.mkdirSync(path.join(a, 'jixiao'));
  assert.strictEqual(findServer('', { PATH: a }, 'linux'), undefined);
});
