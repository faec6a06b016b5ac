import amp from '@amplitude/analytics-browser'
// amp.init(x)
const s = 'amp.init('
amp?.init(y)
