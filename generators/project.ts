// What the target project is made of, read from its own files. Generators and the
// registry ask this object; nothing else reads the project's manifests.
import fs from 'node:fs';
import path from 'node:path';

export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

export class Project {
  constructor(readonly root: string) {}

  file(relative: string): string {
    return path.join(this.root, relative);
  }

  has(relative: string): boolean {
    return fs.existsSync(this.file(relative));
  }

  read(relative: string): string | undefined {
    try {
      return fs.readFileSync(this.file(relative), 'utf8');
    } catch {
      return undefined;
    }
  }

  get packageJson(): Record<string, any> | undefined {
    const text = this.read('package.json');
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  }

  dependsOn(name: string): boolean {
    const pkg = this.packageJson;
    return Boolean(pkg?.dependencies?.[name] ?? pkg?.devDependencies?.[name]);
  }

  get typescript(): boolean {
    return this.has('tsconfig.json');
  }

  /** ESM when package.json says "type": "module"; CommonJS otherwise, as Node decides. */
  get esm(): boolean {
    return this.packageJson?.type === 'module';
  }

  get packageManager(): PackageManager {
    if (this.has('pnpm-lock.yaml')) return 'pnpm';
    if (this.has('yarn.lock')) return 'yarn';
    if (this.has('bun.lockb') || this.has('bun.lock')) return 'bun';
    return 'npm';
  }

  /** `npm install x`, `pnpm add x`, … for this project's package manager. */
  addCommand(packages: string[], dev = false): string {
    const pm = this.packageManager;
    const verb = pm === 'npm' ? 'install' : 'add';
    const devFlag = dev ? (pm === 'npm' ? ' --save-dev' : ' -D') : '';
    return `${pm} ${verb}${devFlag} ${packages.join(' ')}`;
  }

  /** The first of these folders that exists, or the last one as the fallback. */
  firstDir(candidates: string[], fallback: string): string {
    return candidates.find((dir) => fs.existsSync(this.file(dir)) && fs.statSync(this.file(dir)).isDirectory()) ?? fallback;
  }
}
