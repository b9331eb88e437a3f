import { createApp } from 'vue'
import App from './App.vue'
import { installStepUp } from './auth/stepUp'
import { useAuth } from './auth/useAuth'
import { createAppI18n } from './i18n'
import { createAppRouter } from './router'
import { installLocaleSync, storedLocale } from './composables/useLocale'
import { useElderMode } from './composables/useElderMode'
import { installLicenseCacheCleanup } from './pages/licenses/store'
import './styles/vant'
import './styles/main.css'

// Applies the saved elder-mode class to <html> before the first render.
useElderMode()

const i18n = createAppI18n(storedLocale())
installLocaleSync(i18n)

// Renew a stored session (the access token lives in memory only) and load `me`.
const auth = useAuth()
void auth.restore()
// Signing out drops the wallet's offline copy (licenses and their QR codes) on this device.
installLicenseCacheCleanup(auth)

const router = createAppRouter()
// A request refused for too low an identity level goes to its remedy, then comes back.
installStepUp(auth.client, router, () => auth.signedIn.value)

const app = createApp(App)
app.use(i18n)
app.use(router)
app.mount('#app')
