import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { parseVerifierKey } from '@fusion-cell/record';
import { readPdfAttachments } from '../../cli/src/client/pdf-attachment.ts';
import { checkDocumentProof, DOCUMENT_PROOF_FILE, type DocumentProofCheck } from '../../cli/src/client/verify-document-proof.ts';
import { VIEWPORT, type BrowserHarness } from './browser-harness.ts';

/** Steps the diplomatic track's browser tests share, found by data-testid only. */

export const PHONE = { width: 390, height: 844 };

/** Takes a screen at desktop then phone width; screens are kept once, from the embedded engine's run. */
export function screenshots(harness: BrowserHarness, engine: string): (page: Page, name: string) => Promise<void> {
  return async (page, name) => {
    if (engine !== 'sqlite') return;
    await harness.screenshot(page, name);
    await page.setViewportSize(PHONE);
    await harness.screenshot(page, `${name}-phone`);
    await page.setViewportSize(VIEWPORT);
  };
}

/** A `datetime-local` value in the browser's zone (the test machine's, which the browser shares). */
export function localInput(at: Date, seconds = false): string {
  const two = (value: number) => String(value).padStart(2, '0');
  const minutes = `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}T${two(at.getHours())}:${two(at.getMinutes())}`;
  return seconds ? `${minutes}:${two(at.getSeconds())}` : minutes;
}

/** A head of delegation logs in on a fresh profile and opens one of the Diplomatic track's views. */
export async function openDiplomatic(harness: BrowserHarness, username: string, view: 'meetings' | 'texts' | 'commitments'): Promise<Page> {
  const page = await harness.newPage();
  await harness.logIn(page, username);
  await harness.deviceApproved(page);
  await page.getByTestId('nav-diplomatic').click();
  // The track opens on its first view, the calendar.
  await page.locator('[data-testid="track-views"][data-view="meetings"]').waitFor();
  if (view !== 'meetings') await page.getByTestId(`track-view-${view}`).click();
  await page.getByTestId(`${view}-view`).waitFor();
  return page;
}

export interface PdfVerification {
  /** The verdict on the file as downloaded. */
  downloaded: DocumentProofCheck;
  /** The verdict once one byte of a signature in its attached proof is changed. */
  tampered: DocumentProofCheck;
  fileName: string;
}

/** A base64url signature with its first character changed: one byte of it differs. */
function flipped(signature: string): string {
  return `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
}

/**
 * Downloads a document's PDF through its link, as the reader would, and checks it here, offline,
 * as `fusion-cell verify FILE.pdf --log-key KEY` does: the attached proof read with pdf-lib,
 * checked against the cell's log key (the one the page's session serves); then the same proof
 * with one byte of a signature changed.
 */
export async function downloadAndVerifyPdf(page: Page, link: Locator): Promise<PdfVerification> {
  const logKey = await page.evaluate(async () => ((await (await fetch('/api/v1/record')).json()) as { logKey: string }).logKey);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const bytes = new Uint8Array(fs.readFileSync(await download.path()));
  const attachments = await readPdfAttachments(bytes);
  const options = { trustedKey: () => ({ key: parseVerifierKey(logKey), source: 'given' as const }), ...(attachments.subject !== undefined ? { pdfVersion: attachments.subject } : {}) };
  const downloaded = await checkDocumentProof(attachments.files.get(DOCUMENT_PROOF_FILE), options);

  const proof = JSON.parse(Buffer.from(attachments.files.get(DOCUMENT_PROOF_FILE) ?? new Uint8Array()).toString('utf8')) as { entries: { role: string; signedEnvelope: { signature: string } }[] };
  const signing = proof.entries.find((entry) => entry.role === 'signing');
  if (signing) signing.signedEnvelope.signature = flipped(signing.signedEnvelope.signature);
  const tampered = await checkDocumentProof(Buffer.from(JSON.stringify(proof)), options);
  return { downloaded, tampered, fileName: download.suggestedFilename() };
}
