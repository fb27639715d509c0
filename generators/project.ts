// What the target project is made of, read from its own files. Generators and the
// registry ask this object; nothing else reads the project's manifests.
import fs from 'node:fs';
import path from 'node:path';

export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

/** The fields of package.json that detection reads. */
export interface PackageJson {
  type?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  workspaces?: string[] | { packages?: string[] };
}

export interface SourceFile {
  /** Project-relative, with forward slashes. */
  path: string;
  text: string;
}

export interface WalkOptions {
  /** Folder names never entered (dependencies, VCS data, build output). */
  skipDirs: ReadonlySet<string>;
  /** Larger files are not read. */
  maxBytes: number;
  /** Which file names to read; all when absent. */
  include?: (name: string) => boolean;
}

export class Project {
  constructor(readonly root: string) {}

  /** The project in a subfolder (a monorepo's app). */
  at(dir: string): Project {
    return new Project(path.join(this.root, dir));
  }

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

  get packageJson(): PackageJson | undefined {
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

  /** Whether requirements.txt, pyproject.toml or Pipfile names the package. */
  pythonDependsOn(name: string): boolean {
    const pattern = new RegExp(`(^|["'\\s])${name}\\b`, 'im');
    return ['requirements.txt', 'pyproject.toml', 'Pipfile'].some((file) => pattern.test(this.read(file) ?? ''));
  }

  gemDependsOn(name: string): boolean {
    return new RegExp(`^\\s*gem\\s+['"]${name}['"]`, 'm').test(this.read('Gemfile') ?? '');
  }

  /** The entries of a folder, as project-relative paths (none when it does not exist). */
  list(dir = '.'): string[] {
    try {
      return fs.readdirSync(this.file(dir)).map((name) => path.posix.join(dir, name));
    } catch {
      return [];
    }
  }

  /** Files with this extension directly inside the given folders. */
  filesWithExtension(extension: string, dirs = ['.']): string[] {
    return dirs.flatMap((dir) => this.list(dir)).filter((file) => file.endsWith(extension));
  }

  /** The first existing file among the candidates whose content matches, if any. */
  findFile(candidates: string[], content?: RegExp): string | undefined {
    return candidates.find((file) => {
      const text = this.read(file);
      return text !== undefined && (!content || content.test(text));
    });
  }

  /** Every text file below the project (binary files left out), in a stable order. */
  sourceFiles({ skipDirs, maxBytes, include }: WalkOptions): SourceFile[] {
    const files: SourceFile[] = [];
    const walk = (dir: string) => {
      const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((x, y) => x.name.localeCompare(y.name));
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!skipDirs.has(entry.name)) walk(full);
        } else if (entry.isFile() && (!include || include(entry.name)) && fs.statSync(full).size <= maxBytes) {
          const text = fs.readFileSync(full, 'utf8');
          if (!text.includes('\0')) files.push({ path: path.relative(this.root, full).split(path.sep).join('/'), text });
        }
      }
    };
    walk(this.root);
    return files;
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
