import { useSyncExternalStore } from 'react';
import { isSoundMuted } from './sound-settings.ts';

/** What the alarm is doing, for the banner and its test hook. */
export type SoundState = 'idle' | 'playing' | 'muted' | 'blocked' | 'unsupported';

export interface SoundStatus {
  state: SoundState;
  /** Patterns started in this page. */
  started: number;
}

/** Two-tone beeps: frequency (Hz) and length (ms), with a gap after each. */
const PATTERN: ReadonlyArray<{ frequency: number; duration: number; gap: number }> = [
  { frequency: 880, duration: 180, gap: 90 },
  { frequency: 660, duration: 180, gap: 90 },
  { frequency: 880, duration: 180, gap: 90 },
  { frequency: 660, duration: 180, gap: 400 },
  { frequency: 880, duration: 180, gap: 90 },
  { frequency: 660, duration: 180, gap: 90 },
  { frequency: 880, duration: 300, gap: 0 },
];

/** A short two-note chime, for what is urgent but not a FLASH. */
const CHIME: typeof PATTERN = [
  { frequency: 988, duration: 160, gap: 60 },
  { frequency: 784, duration: 260, gap: 0 },
];

/** Which pattern the cell's rules ask for an item: the full alarm, or the chime. */
export type AlarmKind = 'alarm' | 'chime';

/**
 * The alarm, generated with WebAudio (no sound files: the app loads nothing but its own
 * scripts). Browsers let a page play sound only after the user interacted with it; logging
 * in counts, and the first click or key after a reload unlocks it too.
 */
class AlarmSound {
  private context: AudioContext | null = null;
  private status: SoundStatus = { state: 'idle', started: 0 };
  private readonly listeners = new Set<() => void>();
  private endTimer: ReturnType<typeof setTimeout> | undefined;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getStatus = (): SoundStatus => this.status;

  /** Prepares the audio on a user gesture, so a later alarm may sound without one. */
  unlock(): void {
    const context = this.audioContext();
    if (context && context.state === 'suspended') void context.resume().catch(() => undefined);
  }

  /** Plays the alarm (or the chime) once, unless muted or the browser refuses. */
  async play(kind: AlarmKind = 'alarm'): Promise<void> {
    if (isSoundMuted()) return this.set({ state: 'muted' });
    const context = this.audioContext();
    if (!context) return this.set({ state: 'unsupported' });
    if (context.state !== 'running') {
      try {
        await Promise.race([context.resume(), new Promise((resolve) => setTimeout(resolve, 300))]);
      } catch {
        // Judged below.
      }
    }
    if (context.state !== 'running') return this.set({ state: 'blocked' });
    let at = context.currentTime + 0.02;
    for (const beep of kind === 'chime' ? CHIME : PATTERN) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'square';
      oscillator.frequency.value = beep.frequency;
      // A short ramp at each end, so the beeps do not click.
      gain.gain.setValueAtTime(0, at);
      gain.gain.linearRampToValueAtTime(0.18, at + 0.01);
      gain.gain.setValueAtTime(0.18, at + beep.duration / 1000 - 0.01);
      gain.gain.linearRampToValueAtTime(0, at + beep.duration / 1000);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(at);
      oscillator.stop(at + beep.duration / 1000);
      at += (beep.duration + beep.gap) / 1000;
    }
    const lengthMs = (at - context.currentTime) * 1000;
    this.set({ state: 'playing', started: this.status.started + 1 });
    clearTimeout(this.endTimer);
    this.endTimer = setTimeout(() => this.set({ state: 'idle' }), lengthMs);
  }

  private audioContext(): AudioContext | null {
    if (this.context) return this.context;
    if (typeof AudioContext === 'undefined') return null;
    try {
      this.context = new AudioContext();
    } catch {
      return null;
    }
    return this.context;
  }

  private set(change: Partial<SoundStatus>): void {
    this.status = { ...this.status, ...change };
    for (const listener of this.listeners) listener();
  }
}

/** The page's one alarm. */
export const alarmSound = new AlarmSound();

export function useSoundStatus(): SoundStatus {
  return useSyncExternalStore(alarmSound.subscribe, alarmSound.getStatus);
}
