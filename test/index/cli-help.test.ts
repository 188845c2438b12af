import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { ROOT } from '../helpers/seed-corpus.ts';

const COMMANDS = ['ask', 'ingest', 'build', 'eval', 'serve', 'digest', 'discord'];

describe('sitrep <command> --help', () => {
  it('prints each command\'s own usage and options and exits 0, as `sitrep help <command>` does', () => {
    for (const command of COMMANDS) {
      const viaFlag = runCli([command, '--help']);
      expect({ command, code: viaFlag.code, stderr: viaFlag.stderr }).toEqual({ command, code: 0, stderr: '' });
      expect(viaFlag.stdout).toMatch(new RegExp(`^usage: sitrep ${command}\\b`));
      expect(viaFlag.stdout).toMatch(/\n {2}--\w/);
      if (command === 'ask' || command === 'serve') {
        const viaHelp = runCli(['help', command]);
        expect(viaHelp.code).toBe(0);
        expect(viaHelp.stdout).toBe(viaFlag.stdout);
      }
    }
    expect(runCli(['discord', 'register', '-h']).stdout).toMatch(/^usage: sitrep discord register/);
    expect(runCli(['ask', '--help', 'who mediated']).code).toBe(0);
  });

  it('names an unknown or incomplete option plainly, with the usage line', () => {
    const unknown = runCli(['ask', '--frob', 'latest']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^sitrep ask: unknown option --frob\nusage: sitrep ask/);
    expect(unknown.stderr).toContain('sitrep ask --help');
    expect(unknown.stderr).not.toMatch(/positional argument|ERR_/);
    const missing = runCli(['digest', '--date']);
    expect(missing.stderr).toContain('--date needs a value');
  });

  it('serve --port abc blames the flag, not an environment variable', () => {
    const result = runCli(['serve', '--port', 'abc']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--port must be a whole number from 0 to 65535, got "abc"');
    expect(result.stderr).not.toContain('PORT=');
  });
});

describe('NO_COLOR', () => {
  /** Runs `sitrep ask` on a pseudo-terminal (util-linux `script`), so stdout is a real TTY. */
  const onTty = (env: Record<string, string>) => spawnSync('script', ['-qec', `${process.execPath} ${join(ROOT, 'bin/sitrep.js')} ask "latest casualty figures"`, '/dev/null'], {
    encoding: 'utf8', env: { ...process.env, SITREP_ENV_FILE: 'none', TERM: 'xterm', ...env }, timeout: 60_000,
  }).stdout;

  it('a terminal gets bold and colour, unless NO_COLOR is set', () => {
    const coloured = onTty({ NO_COLOR: '' });
    expect(coloured).toMatch(/at least 80/);
    expect(coloured).toContain('\x1b[1m');
    const plain = onTty({ NO_COLOR: '1' });
    expect(plain).toMatch(/at least 80/);
    expect(plain).not.toContain('\x1b[');
  });
});

describe('.env', () => {
  it('is read from the current folder, and a variable already set wins over it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-env-'));
    writeFileSync(join(dir, '.env'), 'DISCORD_APPLICATION_ID=123456789012345678\n# a comment\nDISCORD_TOKEN="from-dot-env"\n');
    const read = runCli(['discord', 'register', '--dry-run'], undefined, { cwd: dir, env: { SITREP_ENV_FILE: undefined, DISCORD_APPLICATION_ID: undefined } });
    expect(read.code).toBe(0);
    expect(read.stderr).toContain('/applications/123456789012345678/commands');
    const overridden = runCli(['discord', 'register', '--dry-run'], undefined, { cwd: dir, env: { SITREP_ENV_FILE: undefined, DISCORD_APPLICATION_ID: '876543210987654321' } });
    expect(overridden.stderr).toContain('/applications/876543210987654321/commands');
    const off = runCli(['discord', 'register', '--dry-run'], undefined, { cwd: dir, env: { SITREP_ENV_FILE: 'none', DISCORD_APPLICATION_ID: undefined } });
    expect(off.stderr).toContain('<DISCORD_APPLICATION_ID>');
  });

  it('SITREP_ENV_FILE names another file; a named file that is missing stops the command with a message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-env-'));
    writeFileSync(join(dir, 'prod.env'), 'DISCORD_APPLICATION_ID=111111111111111111\n');
    const named = runCli(['discord', 'register', '--dry-run'], undefined, { cwd: dir, env: { SITREP_ENV_FILE: 'prod.env', DISCORD_APPLICATION_ID: undefined } });
    expect(named.stderr).toContain('/applications/111111111111111111/commands');
    const missing = runCli(['discord', 'register', '--dry-run'], undefined, { cwd: dir, env: { SITREP_ENV_FILE: 'nope.env' } });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read the environment file .*nope\.env \(ENOENT\)/);
  });
});
