import * as Sentry from '@sentry/vue'
import {