/** Simplified Chinese strings of the verify pages; every key must also exist in verify.en.ts. */
const verifyZhCN = {
  title: 'verify',
}

export type VerifyMessages = typeof verifyZhCN
export default verifyZhCN
