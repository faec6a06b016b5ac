import type { Config } from '@react-router/dev/config';

export default {
  // Server-side render by default; set to false for a static SPA.
  ssr: true,
} satisfies Config;
