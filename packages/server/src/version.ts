import serverPackage from '../package.json' with { type: 'json' };

/** The server's version, from its package file (read in at build time when bundled). */
export const VERSION: string = serverPackage.version;
