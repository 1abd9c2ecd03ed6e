import { onBeforeUnmount, readonly, ref } from 'vue';

/**
 * Reading quiz text aloud in Vietnamese with the Web Speech API (speechSynthesis), for people who
 * read with difficulty. Offered only when the device has a Vietnamese voice: another language's
 * voice reading Vietnamese is worse than none. Voices often arrive after the page loads
 * (`voiceschanged`), so availability is a reactive ref that may turn true later.
 */

const vietnameseVoice = ref<SpeechSynthesisVoice | null>(null);
/** which text is being read (the button's key), null when silent */
const speakingKey = ref<string | null>(null);
let watching = false;

function synthesis(): SpeechSynthesis | null {
  return typeof window !== 'undefined' && 'speechSynthesis' in window && window.speechSynthesis ? window.speechSynthesis : null;
}

/** `vi-VN`, `vi_VN` and `vi` all count; a voice for exactly vi-VN is preferred. */
function pickVoice(voices: readonly SpeechSynthesisVoice[]): SpeechSynthesisVoice | null {
  const vietnamese = voices.filter((v) => /^vi([-_]|$)/i.test(v.lang ?? ''));
  return vietnamese.find((v) => v.lang.replace('_', '-').toLowerCase() === 'vi-vn') ?? vietnamese[0] ?? null;
}

function refreshVoices(): void {
  const speech = synthesis();
  try {
    vietnameseVoice.value = speech ? pickVoice(speech.getVoices()) : null;
  } catch {
    vietnameseVoice.value = null;
  }
}

function watchVoices(): void {
  if (watching) return;
  watching = true;
  refreshVoices();
  const speech = synthesis();
  if (!speech) return;
  if (typeof speech.addEventListener === 'function') speech.addEventListener('voiceschanged', refreshVoices);
  else speech.onvoiceschanged = refreshVoices;
}

/**
 * Chromium stops a single long utterance after about 15 seconds: the text is read as a queue of
 * sentences (at most ~200 characters each).
 */
export function speechChunks(text: string, max = 200): string[] {
  const sentences = text
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[.!?;:…])\s+/)
    .filter(Boolean);
  const chunks: string[] = [];
  for (const sentence of sentences) {
    let rest = sentence;
    while (rest.length > max) {
      const cut = rest.lastIndexOf(' ', max);
      const at = cut > max / 2 ? cut : max;
      chunks.push(rest.slice(0, at).trim());
      rest = rest.slice(at).trim();
    }
    if (rest) chunks.push(rest);
  }
  return chunks;
}

/** The text as a sentence of its own (ends with punctuation), so the voice pauses after it. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return !trimmed || /[.!?…:;]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

export function stopSpeaking(): void {
  speakingKey.value = null;
  synthesis()?.cancel();
}

/** Reads `text` in Vietnamese, replacing whatever was being read. */
export function speakVietnamese(text: string, key: string): void {
  const speech = synthesis();
  const voice = vietnameseVoice.value;
  if (!speech || !voice) return;
  speech.cancel();
  const chunks = speechChunks(text);
  if (!chunks.length) return;
  speakingKey.value = key;
  chunks.forEach((chunk, i) => {
    const utterance = new SpeechSynthesisUtterance(chunk);
    utterance.lang = 'vi-VN';
    utterance.voice = voice;
    utterance.rate = 0.9; // a little slower than the default, for elderly listeners
    const last = i === chunks.length - 1;
    utterance.onend = () => {
      if (last && speakingKey.value === key) speakingKey.value = null;
    };
    utterance.onerror = () => {
      if (speakingKey.value === key) speakingKey.value = null;
    };
    speech.speak(utterance);
  });
}

/** For a page that reads aloud: whether it can, what is being read; stops reading when the page goes. */
export function useVietnameseSpeech() {
  watchVoices();
  onBeforeUnmount(() => {
    if (speakingKey.value != null) stopSpeaking();
  });
  return { voice: readonly(vietnameseVoice), speakingKey: readonly(speakingKey), speak: speakVietnamese, stop: stopSpeaking };
}
