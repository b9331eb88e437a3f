import type { MessageSchema } from './zh-CN'

/** English. Must contain exactly the keys of zh-CN.ts (checked by a unit test). */
const en: MessageSchema = {
  app: {
    name: 'OneTap',
    slogan: 'One-stop Services',
    title: 'OneTap · Fujian Government Services',
    description: 'Fujian government services on your phone: one app, one stop.',
    tagline: 'Fujian government services in your pocket',
  },
  common: {
    skipToContent: 'Skip to main content',
    retry: 'Retry',
    close: 'Close',
    cancel: 'Cancel',
    loading: 'Loading…',
  },
  settings: {
    label: 'Display settings',
    language: 'Language',
    languageToggle: 'Switch language to 中文',
    languageOption: {
      'zh-CN': '中文',
      en: 'English',
    },
    elderMode: 'Elder mode',
    elderModeHint: 'Larger text and buttons, one column',
  },
  city: {
    label: 'Current city',
    none: 'Not selected',
    choose: 'Choose city',
    change: 'Change city',
    pickerTitle: 'Choose your city',
    selected: 'Selected',
    loading: 'Loading cities…',
    empty: 'No cities available',
    loadError: 'Could not load the city list',
    chooseFirst: "Choose your city to see its government service departments.",
  },
  departments: {
    heading: 'Government departments in {city}',
    headingNoCity: 'Government departments',
    count: '{n} departments',
    loading: 'Loading departments…',
    empty: 'No departments listed for this city yet',
    loadError: 'Could not load departments',
    cityNotFound: 'City not found, please choose again',
    category: {
      'civil-affairs': 'Civil affairs',
      education: 'Education',
      'government-services': 'Government services',
      health: 'Health',
      housing: 'Housing',
      'housing-fund': 'Housing fund',
      market: 'Market regulation',
      'medical-insurance': 'Medical insurance',
      'natural-resources': 'Natural resources',
      'public-security': 'Public security',
      'real-estate': 'Real estate',
      'social-security': 'Social security',
      tax: 'Tax',
      transport: 'Transport',
      other: 'Other',
    },
  },
  errors: {
    network: 'Network error. Check your connection and try again.',
    server: 'The service is temporarily unavailable ({code}). Please try again later.',
    unknown: 'Something went wrong. Please try again later.',
  },
  offline: {
    banner: 'You are offline. Showing the data loaded last time.',
    cached: 'Network unavailable. Showing the data loaded last time.',
  },
  update: {
    title: 'Update available',
    message: 'A new version is ready. Reload to start using it.',
    reload: 'Reload',
    later: 'Later',
    offlineReady: 'The app is ready to work offline',
  },
  notFound: {
    title: 'Page not found',
    back: 'Back to home',
  },
}

export default en
