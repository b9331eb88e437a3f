import type { EnterpriseMessages } from './enterprise.zh-CN'

/** English strings of the enterprise pages. */
const enterpriseEn: EnterpriseMessages = {
  title: 'enterprise',
}

export default enterpriseEn
