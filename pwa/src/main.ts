import { createApp } from 'vue'
import App from './App.vue'
import { createAppI18n } from './i18n'
import { createAppRouter } from './router'
import { installLocaleSync, storedLocale } from './composables/useLocale'
import { useElderMode } from './composables/useElderMode'
import './styles/vant'
import './styles/main.css'

// Applies the saved elder-mode class to <html> before the first render.
useElderMode()

const i18n = createAppI18n(storedLocale())
installLocaleSync(i18n)

const app = createApp(App)
app.use(i18n)
app.use(createAppRouter())
app.mount('#app')
