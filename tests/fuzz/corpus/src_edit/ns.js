import * as amplitude from '@amplitude/analytics-browser'
amplitude.init(KEY)
