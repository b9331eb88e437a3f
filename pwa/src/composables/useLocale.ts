import { computed, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { Locale as VantLocale } from 'vant'
import vantEnUS from 'vant/es/locale/lang/en-US'
import vantZhCN from 'vant/es/locale/lang/zh-CN'
import { type AppI18n, type AppLocale, DEFAULT_LOCALE, isAppLocale } from '@/i18n'
import { readString, STORAGE_KEYS, writeString } from './storage'

/** Locale saved by the user, or zh-CN. */
export function storedLocale(): AppLocale {
  const saved = readString(STORAGE_KEYS.locale)
  return isAppLocale(saved) ? saved : DEFAULT_LOCALE
}

/**
 * Keep everything outside Vue in step with the i18n locale: <html lang>,
 * document.title, Vant's built-in texts and localStorage.
 */
export function installLocaleSync(i18n: AppI18n): void {
  watch(
    i18n.global.locale,
    (locale) => {
      if (!isAppLocale(locale)) return
      document.documentElement.lang = locale
      document.title = i18n.global.t('app.title')
      if (locale === 'en') VantLocale.use('en-US', vantEnUS)
      else VantLocale.use('zh-CN', vantZhCN)
      writeString(STORAGE_KEYS.locale, locale)
    },
    { immediate: true, flush: 'sync' },
  )
}

export function useLocale() {
  const { locale } = useI18n({ useScope: 'global' })
  const current = computed<AppLocale>(() => (isAppLocale(locale.value) ? locale.value : DEFAULT_LOCALE))
  function setLocale(next: AppLocale): void {
    locale.value = next
  }
  function toggleLocale(): void {
    setLocale(current.value === 'zh-CN' ? 'en' : 'zh-CN')
  }
  /** Pick the name in the current language from an entity with `name` / `nameEn`. */
  function localName(entity: { name: string; nameEn: string }): string {
    return current.value === 'en' && entity.nameEn ? entity.nameEn : entity.name
  }
  return { locale: current, setLocale, toggleLocale, localName }
}
