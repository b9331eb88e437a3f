import { graphql } from '../generated'

// GraphQL operations of the e-licenses area (电子证照): the holder's wallet, a license with
// its QR codes, sharing under consent and the access log, the staff's status changes and
// reads under consent, and a license used as application material (picked up by codegen.ts).
//
// Every mutation result is `<Success> | InvalidInputError | LicenseError`; `LicenseFailureParts`
// selects what the pages need to explain either error, so `settle` can split the result.

export const LicenseFailurePartsFragment = graphql(`
  fragment LicenseFailureParts on LicenseError {
    __typename
    code
    message
  }
`)

export const LicenseInputFailurePartsFragment = graphql(`
  fragment LicenseInputFailureParts on InvalidInputError {
    __typename
    code
    message
    field
    reason
  }
`)

/** What staff and lists need: no QR images, no signed payload. */
export const LicenseSummaryFragment = graphql(`
  fragment LicenseSummary on License {
    id
    identifier
    typeCode
    name
    nameEn
    departmentCode
    departmentName
    departmentNameEn
    holderKind
    holderName
    fields {
      key
      label
      labelEn
      value
    }
    validFrom
    validUntil
    status
    statusReason
    statusChangedAt
    issuedAt
    caseNumber
  }
`)

/** The holder's full view: also the verify URL and both QR codes (kept for offline use). */
export const LicensePartsFragment = graphql(`
  fragment LicenseParts on License {
    ...LicenseSummary
    verifyUrl
    qrSvg
    signedPayload
    offlineQrSvg
    pdfSha256
  }
`)

export const LicenseConsentPartsFragment = graphql(`
  fragment LicenseConsentParts on LicenseConsent {
    id
    licenseId
    departmentCode
    departmentName
    serviceItemCode
    serviceItemName
    purpose
    expiresAt
    createdAt
    withdrawnAt
    live
  }
`)

// --- Holder -------------------------------------------------------------------------------

export const MyLicensesQuery = graphql(`
  query MyLicenses {
    myLicenses {
      ...LicenseParts
    }
  }
`)

export const LicenseQuery = graphql(`
  query License($id: ID!) {
    license(id: $id) {
      ...LicenseParts
    }
  }
`)

export const LicenseConsentsQuery = graphql(`
  query LicenseConsents($licenseId: ID!) {
    licenseConsents(licenseId: $licenseId) {
      ...LicenseConsentParts
    }
  }
`)

export const LicenseAccessLogQuery = graphql(`
  query LicenseAccessLog($licenseId: ID!) {
    licenseAccessLog(licenseId: $licenseId) {
      id
      licenseId
      at
      departmentCode
      departmentName
      purpose
      granted
      refusal
    }
  }
`)

export const DownloadLicenseMutation = graphql(`
  mutation DownloadLicense($licenseId: ID!) {
    downloadLicense(licenseId: $licenseId) {
      ... on LicenseDownload {
        __typename
        url
        expiresAt
      }
      ...LicenseInputFailureParts
      ...LicenseFailureParts
    }
  }
`)

export const ShareLicenseMutation = graphql(`
  mutation ShareLicense($input: ShareLicenseInput!) {
    shareLicense(input: $input) {
      ... on LicenseConsent {
        __typename
        ...LicenseConsentParts
      }
      ...LicenseInputFailureParts
      ...LicenseFailureParts
    }
  }
`)

export const WithdrawLicenseConsentMutation = graphql(`
  mutation WithdrawLicenseConsent($consentId: ID!) {
    withdrawLicenseConsent(consentId: $consentId) {
      ... on LicenseConsent {
        __typename
        ...LicenseConsentParts
      }
      ...LicenseInputFailureParts
      ...LicenseFailureParts
    }
  }
`)

// --- Applying: a license instead of an upload ----------------------------------------------

export const UsableLicensesQuery = graphql(`
  query UsableLicenses($caseId: ID!, $slot: String!) {
    usableLicenses(caseId: $caseId, slot: $slot) {
      id
      identifier
      typeCode
      name
      nameEn
      departmentName
      departmentNameEn
      holderName
      validUntil
      status
    }
  }
`)

export const UseLicenseForMaterialMutation = graphql(`
  mutation UseLicenseForMaterial($caseId: ID!, $slot: String!, $licenseId: ID!) {
    useLicenseForMaterial(caseId: $caseId, slot: $slot, licenseId: $licenseId) {
      ... on CaseMaterial {
        __typename
        ...CaseMaterialParts
        licenseReference
        verifiedAt
      }
      ...LicenseInputFailureParts
      ...LicenseFailureParts
    }
  }
`)

// --- Staff of the issuing department --------------------------------------------------------

export const DepartmentLicensesQuery = graphql(`
  query DepartmentLicenses($query: String) {
    departmentLicenses(query: $query) {
      ...LicenseSummary
    }
  }
`)

export const SuspendLicenseMutation = graphql(`
  mutation SuspendLicense($licenseId: ID!, $reason: String!) {
    suspendLicense(licenseId: $licenseId, reason: $reason) {
      ... on License {
        __typename
        ...LicenseSummary
      }
      ...LicenseInputFailureParts
      ...LicenseFailureParts
    }
  }
`)

export const ReinstateLicenseMutation = graphql(`
  mutation ReinstateLicense($licenseId: ID!, $reason: String!) {
    reinstateLicense(licenseId: $licenseId, reason: $reason) {
      ... on License {
        __typename
        ...LicenseSummary
      }
      ...LicenseInputFailureParts
      ...LicenseFailureParts
    }
  }
`)

export const RevokeLicenseMutation = graphql(`
  mutation RevokeLicense($licenseId: ID!, $reason: String!) {
    revokeLicense(licenseId: $licenseId, reason: $reason) {
      ... on License {
        __typename
        ...LicenseSummary
      }
      ...LicenseInputFailureParts
      ...LicenseFailureParts
    }
  }
`)

export const ReadSharedLicenseMutation = graphql(`
  mutation ReadSharedLicense($licenseId: ID!, $purpose: String!) {
    readSharedLicense(licenseId: $licenseId, purpose: $purpose) {
      ... on SharedLicense {
        __typename
        license {
          ...LicenseSummary
        }
        consent {
          ...LicenseConsentParts
        }
      }
      ...LicenseInputFailureParts
      ...LicenseFailureParts
    }
  }
`)

// --- Staff of any department: what holders shared with it ----------------------------------

/** Consents in force for the viewer's department: what may be read, not the license itself. */
export const LicensesSharedWithMyDepartmentQuery = graphql(`
  query LicensesSharedWithMyDepartment {
    licensesSharedWithMyDepartment {
      consentId
      licenseId
      licenseName
      licenseNameEn
      holderKind
      holderName
      purpose
      expiresAt
      createdAt
      serviceItemCode
      serviceItemName
    }
  }
`)

// --- Department admins: the department's electronic seals (电子印章) ------------------------

export const SealPartsFragment = graphql(`
  fragment SealParts on Seal {
    kid
    departmentCode
    validFrom
    retiredAt
    active
    imageUrl
  }
`)

export const DepartmentSealsQuery = graphql(`
  query DepartmentSeals($departmentCode: String!) {
    seals(departmentCode: $departmentCode) {
      ...SealParts
    }
  }
`)

export const CreateSealMutation = graphql(`
  mutation CreateSeal($departmentCode: String!) {
    createSeal(departmentCode: $departmentCode) {
      ... on Seal {
        __typename
        ...SealParts
      }
      ...LicenseInputFailureParts
      ...LicenseFailureParts
    }
  }
`)

export const RotateSealMutation = graphql(`
  mutation RotateSeal($departmentCode: String!) {
    rotateSeal(departmentCode: $departmentCode) {
      ... on Seal {
        __typename
        ...SealParts
      }
      ...LicenseInputFailureParts
      ...LicenseFailureParts
    }
  }
`)
