const { init } = require('@amplitude/analytics-node')
init('k')
