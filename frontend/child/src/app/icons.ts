/**
 * The child app's small icon set: each icon is a list of SVG path strokes (viewBox 0 0 48 48,
 * drawn with currentColor). Keys are the asset keys used by questionnaire options; unknown
 * keys fall back to `dots`. Pictures only support the text, they never replace it.
 */
const c = (x: number, y: number, r: number) => `M${x - r} ${y}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;
const dot = (x: number, y: number) => c(x, y, 1.5);
const face = (mouth: string) => [c(24, 24, 19), dot(17, 19), dot(31, 19), mouth];
const person = (x: number, y: number, s = 1) => `${c(x, y - 9 * s, 5 * s)}M${x - 8 * s} ${y + 14 * s}v-6a${8 * s} ${8 * s} 0 0 1 ${16 * s} 0v6`;
const bars = (n: number) => [1, 2, 3, 4, 5].map((i) => `M${4 + i * 7} 40v${i <= n ? -6 * i : -1}`).join('');

export const ICONS: Record<string, string[]> = {
  'face-very-sad': face('M15 35q9-9 18 0M14 14l5 2M34 14l-5 2'),
  'face-sad': face('M16 33q8-6 16 0'),
  'face-neutral': face('M16 31h16'),
  'face-happy': face('M16 29q8 6 16 0'),
  'face-very-happy': face('M14 27q10 12 20 0z'),
  'thumb-up': ['M8 22h7v18H8zM15 22l8-14q4 0 4 5l-1 7h11q4 0 3 5l-3 12q-1 3-4 3H15'],
  'thumb-down': ['M8 26h7V8H8zM15 26l8 14q4 0 4-5l-1-7h11q4 0 3-5l-3-12q-1-3-4-3H15'],
  'question-mark': [c(24, 24, 19), 'M18 19q0-6 6-6t6 6q0 4-6 6v4', dot(24, 35)],
  house: ['M6 24L24 8l18 16M11 20v20h26V20M20 40V29h8v11'],
  'house-people': ['M4 22L24 6l20 16M9 18v22h30V18', person(19, 33, 0.55), person(29, 33, 0.55)],
  school: ['M6 40h36M10 40V20h28v20M6 20L24 8l18 12M20 40v-9h8v9', c(24, 16, 2)],
  desk: ['M6 20h36M10 20v20M38 20v20M14 20v-8h20v8M10 30h28'],
  teacher: [person(16, 26), 'M28 10h16v14H28M26 30l8-8'],
  book: ['M24 12q-8-5-18-3v29q10-2 18 3q8-5 18-3V9q-10-2-18 3zM24 12v29'],
  pencil: ['M10 38l2-8L32 10l6 6-20 20zM28 14l6 6M10 38l8-2'],
  tree: ['M24 44V26M24 30l-6-5M24 26q-14 0-12-10t12-10q10-2 12 8t-12 12z'],
  ball: [c(24, 24, 17), 'M24 15l8 6-3 9h-10l-3-9zM24 7v8M41 21l-9 0M36 37l-7-7M12 37l7-7M7 21h9'],
  'game-controller': ['M14 16h20q8 0 9 10t-4 10q-4 0-8-6H17q-4 6-8 6t-4-10q1-10 9-10z', 'M14 22v8M10 26h8', dot(32, 24), dot(36, 28)],
  'music-note': ['M18 36V10l20-4v26', c(13, 36, 5), c(33, 32, 5)],
  'two-children': [person(16, 28, 0.8), person(32, 28, 0.8), 'M22 32h4'],
  'two-people': [person(15, 26), person(33, 26)],
  'person-alone': [person(24, 24)],
  'person-hurt': [person(20, 24), 'M34 10l6 6M40 10l-6 6'],
  'people-hurt': [person(14, 26, 0.8), person(30, 26, 0.8), 'M40 8l4 4M44 8l-4 4'],
  handshake: ['M4 20l8-6 8 4 6-4 8 0 10 8M12 26l10 10q2 2 4 0l10-10M20 30l4 4M26 28l4 4'],
  'hand-stop': ['M14 28V14q0-3 3-3t3 3v10V9q0-3 3-3t3 3v15V11q0-3 3-3t3 3v15-9q0-3 3-3t3 3v15q0 14-13 14q-8 0-12-7l-6-9q-1-3 2-4t5 3z'],
  heart: ['M24 40L9 25q-6-7 0-14t15 2q9-9 15-2t0 14z'],
  bandage: ['M10 30L30 10q4-4 8 0t0 8L18 38q-4 4-8 0t0-8z', dot(22, 22), dot(26, 26), dot(22, 26), dot(26, 22)],
  coin: [c(24, 24, 17), 'M28 17q-2-2-5-2t-5 3 3 5 6 3 3 5-5 3-5-2M24 12v3M24 33v3'],
  'map-pin': ['M24 44q-14-16-14-24a14 14 0 0 1 28 0q0 8-14 24z', c(24, 20, 5)],
  'speech-bubble': ['M8 10h32v22H22l-10 8v-8H8z'],
  'thought-bubble': ['M14 30q-8 0-8-7t8-8q2-8 10-8t10 6q8 0 8 8t-8 9z', c(13, 38, 3), c(7, 44, 1.5)],
  dots: [dot(12, 24), dot(24, 24), dot(36, 24)],
  'arrow-up': ['M24 40V8M12 20L24 8l12 12'],
  'arrow-down': ['M24 8v32M12 28l12 12 12-12'],
  'arrow-flat': ['M8 24h32M28 12l12 12-12 12'],
  'arrow-up-double': ['M24 40V8M12 20L24 8l12 12M12 32l12-12 12 12'],
  'arrow-down-double': ['M24 8v32M12 28l12 12 12-12M12 16l12 12 12-12'],
  'frequency-1': [bars(1)],
  'frequency-2': [bars(2)],
  'frequency-3': [bars(3)],
  'frequency-4': [bars(4)],
  'frequency-5': [bars(5)],
  // Controls of the app itself.
  speaker: ['M8 18h8l10-8v28l-10-8H8zM32 17q4 7 0 14M36 12q8 12 0 24'],
  'go-back': ['M30 10L16 24l14 14'],
  'go-next': ['M18 10l14 14-14 14'],
  close: ['M12 12l24 24M36 12L12 36'],
  check: ['M10 25l9 9 19-20'],
};

export function iconPaths(key: string): string[] {
  return ICONS[key] ?? ICONS['dots'];
}
