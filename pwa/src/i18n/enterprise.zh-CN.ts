/** Simplified Chinese strings of the enterprise pages; every key must also exist in enterprise.en.ts. */
const enterpriseZhCN = {
  title: 'enterprise',
}

export type EnterpriseMessages = typeof enterpriseZhCN
export default enterpriseZhCN
