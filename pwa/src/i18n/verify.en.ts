import type { VerifyMessages } from './verify.zh-CN'

/** English strings of the verify pages. */
const verifyEn: VerifyMessages = {
  title: 'verify',
}

export default verifyEn
