// The jixiao extension: starts `jixiao lsp` and hands it the .jx files.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');
const { findServer } = require('./server-path');

/** @type {LanguageClient | undefined} */
let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration('jixiao');
  const command = findServer(config.get('path'), process.env, process.platform);
  if (!command) {
    const zh = vscode.env.language.startsWith('zh');
    vscode.window.showErrorMessage(
      zh
        ? '找不到 jixiao：请安装后放在 PATH 上，或在设置 jixiao.path 中写明路径。'
        : 'jixiao was not found: put it on PATH or give its path in the setting jixiao.path.'
    );
    return;
  }
  const serverOptions = { command, args: ['lsp'] };
  const clientOptions = {
    documentSelector: [{ language: 'jixiao' }],
    initializationOptions: { jixiao: { lang: config.get('lang') } },
    synchronize: { configurationSection: 'jixiao' },
  };
  client = new LanguageClient('jixiao', 'jixiao', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand('jixiao.restartServer', () => client && client.restart())
  );
  client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
