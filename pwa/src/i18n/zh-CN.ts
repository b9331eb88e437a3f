/** Simplified Chinese (default). Every key here must also exist in en.ts. */
const zhCN = {
  app: {
    name: '闽政一点通',
    slogan: '一网通办',
    title: '一网通办 · 闽政一点通',
    description: '福建省政务服务移动端，一网通办、掌上可办。',
    tagline: 'OneTap · 福建政务服务掌上办',
  },
  common: {
    skipToContent: '跳到主要内容',
    retry: '重试',
    close: '关闭',
    cancel: '取消',
    loading: '加载中…',
  },
  settings: {
    label: '显示设置',
    language: '语言',
    languageToggle: '切换语言为 English',
    languageOption: {
      'zh-CN': '中文',
      en: 'English',
    },
    elderMode: '长辈模式',
    elderModeHint: '大字体、单列大按钮',
  },
  city: {
    label: '当前城市',
    none: '未选择',
    choose: '选择城市',
    change: '切换城市',
    pickerTitle: '选择所在城市',
    selected: '已选择',
    loading: '正在加载城市列表…',
    empty: '暂无可选城市',
    loadError: '城市列表加载失败',
    chooseFirst: '请选择您所在的城市，查看该市的政务服务部门。',
  },
  departments: {
    heading: '{city}政务服务部门',
    headingNoCity: '政务服务部门',
    count: '共 {n} 个部门',
    loading: '正在加载部门…',
    empty: '该城市暂无部门信息',
    loadError: '部门信息加载失败',
    cityNotFound: '未找到该城市，请重新选择',
    category: {
      'civil-affairs': '民政',
      education: '教育',
      'government-services': '政务服务',
      health: '卫生健康',
      housing: '住房建设',
      'housing-fund': '住房公积金',
      market: '市场监管',
      'medical-insurance': '医疗保障',
      'natural-resources': '自然资源',
      'public-security': '公安',
      'real-estate': '不动产',
      'social-security': '人力社保',
      tax: '税务',
      transport: '交通运输',
      other: '其他',
    },
  },
  errors: {
    network: '网络连接失败，请检查网络后重试。',
    server: '服务暂时不可用（{code}），请稍后重试。',
    unknown: '出现未知错误，请稍后重试。',
  },
  offline: {
    banner: '当前处于离线状态，显示的是上次加载的数据。',
    cached: '网络不可用，显示的是上次加载的数据。',
  },
  update: {
    title: '发现新版本',
    message: '应用已更新，重新加载即可使用新版本。',
    reload: '立即更新',
    later: '稍后',
    offlineReady: '应用已可离线使用',
  },
  notFound: {
    title: '页面不存在',
    back: '返回首页',
  },
}

export type MessageSchema = typeof zhCN
export default zhCN
