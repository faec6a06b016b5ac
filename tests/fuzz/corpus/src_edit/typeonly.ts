import type { Config } from '@amplitude/analytics-browser'
