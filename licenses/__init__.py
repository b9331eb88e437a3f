"""E-licenses (电子证照): types, department seals, issuance, storage, verification, sharing.

A license is issued when a case of a license-issuing service item completes: a signed
payload (canonical JSON, JWS/EdDSA under the issuing department's seal key), a rendered
PDF in the licenses bucket, and a status-list index so verifiers can check revocation
without saying which license they hold. Holders keep them in a wallet, share them under
explicit consent, and reuse them as application materials ("zero materials").
"""
