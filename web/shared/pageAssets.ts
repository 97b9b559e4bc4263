import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Response, Router } from 'express';
import { notFound } from '../../platform/errors';
import { resource } from '../../platform/http/resource';

/** Headers every page and asset of ours carries. */
export function securityHeaders(res: Response): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

/**
 * A strict Content-Security-Policy: nothing by default, scripts, styles, images and
 * connections only from this server; `extra` adds sources per directive (e.g. a style nonce).
 */
export function strictCsp(extra: Record<string, string[]> = {}, overrides: Record<string, string> = {}): string {
  const base: Record<string, string[]> = {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'"],
    'connect-src': ["'self'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
    'object-src': ["'none'"],
  };
  for (const [k, v] of Object.entries(extra)) base[k] = [...(base[k] ?? []), ...v];
  for (const [k, v] of Object.entries(overrides)) base[k] = [v];
  return Object.entries(base)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}

/** Sends an HTML page with the page headers: CSP, no framing, no caching. */
export function sendPage(res: Response, html: string | Buffer, csp: string): void {
  securityHeaders(res);
  res.setHeader('Content-Security-Policy', csp);
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  res.setHeader('Cache-Control', 'no-store');
  res.type('html').send(html);
}

/** One static file a page needs. */
export interface AssetFile {
  /** Absolute path. */
  file: string;
  type: string;
  /** `Cache-Control` (default `no-cache`: revalidate, since our own files change with releases). */
  cache?: string;
}

/**
 * Serves `files` under `<prefix>/:file` (e.g. `/agent/assets/console.js`), read and gzipped
 * once on first request; unknown names are a 404 problem.
 */
export function serveAssets(router: Router, prefix: string, files: Record<string, AssetFile>): void {
  const loaded = new Map<string, { body: Buffer; gzip: Buffer }>();
  resource(router, `${prefix}/:file`, {
    get: (req, res) => {
      const name = String(req.params.file);
      const spec = Object.hasOwn(files, name) ? files[name] : undefined;
      if (!spec) throw notFound('There is no such file.');
      let asset = loaded.get(name);
      if (!asset) {
        const body = readFileSync(spec.file);
        asset = { body, gzip: gzipSync(body, { level: 6 }) };
        loaded.set(name, asset);
      }
      securityHeaders(res);
      res.setHeader('Cache-Control', spec.cache ?? 'no-cache');
      res.setHeader('Vary', 'Accept-Encoding');
      res.type(spec.type);
      if (/\bgzip\b/.test(req.get('accept-encoding') ?? '')) {
        res.setHeader('Content-Encoding', 'gzip');
        return void res.send(asset.gzip);
      }
      res.send(asset.body);
    },
  });
}

export const JS = 'text/javascript; charset=utf-8';
export const CSS = 'text/css; charset=utf-8';
export const SVG = 'image/svg+xml';

/** The browser modules of a folder (its `*.js` files), served as they are: no build step. */
export function scriptsIn(dir: string): Record<string, AssetFile> {
  const files = readdirSync(dir).filter((name) => name.endsWith('.js'));
  return Object.fromEntries(files.map((name) => [name, { file: path.join(dir, name), type: JS }]));
}

/**
 * The shared page kit (`web/kit`: `$`, `el`, `api`, toast, staff sign-in). Each page serves it
 * under `/<page>/kit/`, beside its `/<page>/assets/`, so a page module's `../kit/api.js` import
 * resolves the same in the browser and in the source tree (which `web/tsconfig.json` checks).
 */
export function kitAssets(): Record<string, AssetFile> {
  const dir = path.join(__dirname, '../kit');
  return { ...scriptsIn(dir), 'kit.css': { file: path.join(dir, 'kit.css'), type: CSS } };
}

/**
 * Puts `data` in a page as `<script type="application/json" id="page-data">` (read by the kit's
 * `pageData()`), in place of `{{PAGE_DATA}}`. A data block never runs, so the CSP stays strict;
 * `<` is escaped so no value can close the element.
 */
export function withPageData(template: string, data: unknown): string {
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return template.replace('{{PAGE_DATA}}', () => `<script type="application/json" id="page-data">${json}</script>`);
}
