import { graphql } from '../generated'

// GraphQL operations of the residents' services area: the catalogue (事项), applying, and
// my cases (办件) with their live status (picked up by codegen.ts). Every mutation selects
// `CaseworkErrorParts`, which adds the casework errors' own fields to `UserErrorParts`, so
// `settle` can split the result and the page can put each problem where it belongs.

export const CaseworkErrorPartsFragment = graphql(`
  fragment CaseworkErrorParts on UserError {
    ...UserErrorParts
    ... on FormInvalidError {
      problems {
        field
        reason
        message
      }
    }
    ... on MaterialRejectedError {
      reason
    }
  }
`)

// --- Catalogue -----------------------------------------------------------------------------

export const ServiceItemSummaryFragment = graphql(`
  fragment ServiceItemSummary on ServiceItem {
    id
    code
    name
    nameEn
    category
    department {
      code
      name
      nameEn
    }
    regionCode
    applicantKinds
    feeFen
    statutoryDays
    promisedDays
    personTier
    enterpriseTier
    fullyOnline
    acceptingApplications
  }
`)

export const ServiceItemDetailFragment = graphql(`
  fragment ServiceItemDetail on ServiceItem {
    ...ServiceItemSummary
    versionId
    version
    categoryName
    categoryNameEn
    conditions
    conditionsEn
    deliveryOptions
    validFrom
    materials {
      key
      name
      nameEn
      required
      acceptedTypes
      maxFiles
      maxBytes
      note
      noteEn
      licenseTypes
    }
    form {
      key
      label
      labelEn
      type
      required
      minLength
      maxLength
      pattern
      min
      max
      options {
        value
        label
        labelEn
      }
      help
      helpEn
    }
  }
`)

export const ServiceItemsQuery = graphql(`
  query ServiceItems(
    $query: String
    $departmentCode: String
    $category: String
    $tier: String
    $fullyOnline: Boolean
    $first: Int
    $after: String
  ) {
    serviceItems(
      query: $query
      departmentCode: $departmentCode
      category: $category
      tier: $tier
      fullyOnline: $fullyOnline
      first: $first
      after: $after
    ) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...ServiceItemSummary
        }
      }
    }
  }
`)

export const ServiceCategoriesQuery = graphql(`
  query ServiceCategories {
    serviceCategories {
      code
      name
      nameEn
      itemCount
    }
  }
`)

export const ServiceItemQuery = graphql(`
  query ServiceItem($code: String!) {
    serviceItem(code: $code) {
      ...ServiceItemDetail
    }
  }
`)

// --- Cases -----------------------------------------------------------------------------------

export const CaseSummaryFragment = graphql(`
  fragment CaseSummary on Case {
    id
    number
    status
    applicantKind
    enterpriseName
    createdAt
    submittedAt
    dueOn
    overdue
    item {
      code
      versionId
      name
      nameEn
      department {
        code
        name
        nameEn
      }
    }
  }
`)

export const CaseMaterialPartsFragment = graphql(`
  fragment CaseMaterialParts on CaseMaterial {
    id
    slot
    source
    status
    fileName
    contentType
    sizeBytes
    downloadUrl
    licenseReference
    verifiedAt
  }
`)

export const CaseDetailFragment = graphql(`
  fragment CaseDetail on Case {
    id
    number
    status
    applicantKind
    applicantName
    enterpriseName
    answers
    deliveryMethod
    deliveryAddress
    feeFen
    feeSettled
    createdAt
    submittedAt
    acceptedAt
    dueOn
    promisedOn
    decidedAt
    completedAt
    lastReason
    overdue
    availableActions
    item {
      ...ServiceItemDetail
    }
    materials {
      ...CaseMaterialParts
    }
    timeline {
      action
      fromStatus
      toStatus
      actorRole
      reason
      at
    }
  }
`)

export const MyCasesQuery = graphql(`
  query MyCases($status: CaseStatus, $first: Int, $after: String) {
    myCases(status: $status, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...CaseSummary
        }
      }
    }
  }
`)

export const CaseQuery = graphql(`
  query Case($id: ID!) {
    case(id: $id) {
      ...CaseDetail
    }
  }
`)

export const StartApplicationMutation = graphql(`
  mutation StartApplication($itemCode: String!) {
    startApplication(itemCode: $itemCode) {
      ... on Case {
        __typename
        id
      }
      ...CaseworkErrorParts
    }
  }
`)

export const SaveApplicationFormMutation = graphql(`
  mutation SaveApplicationForm(
    $caseId: ID!
    $answers: JSON!
    $deliveryMethod: DeliveryOption
    $deliveryAddress: String
  ) {
    saveApplicationForm(
      caseId: $caseId
      answers: $answers
      deliveryMethod: $deliveryMethod
      deliveryAddress: $deliveryAddress
    ) {
      ... on Case {
        __typename
        ...CaseDetail
      }
      ...CaseworkErrorParts
    }
  }
`)

export const RequestMaterialUploadMutation = graphql(`
  mutation RequestMaterialUpload(
    $caseId: ID!
    $slot: String!
    $fileName: String!
    $contentType: String!
    $sizeBytes: Int!
  ) {
    requestMaterialUpload(
      caseId: $caseId
      slot: $slot
      fileName: $fileName
      contentType: $contentType
      sizeBytes: $sizeBytes
    ) {
      ... on MaterialUploadTicket {
        __typename
        materialId
        uploadUrl
        method
        headers {
          name
          value
        }
        expiresAt
      }
      ...CaseworkErrorParts
    }
  }
`)

export const ConfirmMaterialUploadMutation = graphql(`
  mutation ConfirmMaterialUpload($materialId: ID!) {
    confirmMaterialUpload(materialId: $materialId) {
      ... on CaseMaterial {
        __typename
        ...CaseMaterialParts
      }
      ...CaseworkErrorParts
    }
  }
`)

export const RemoveMaterialMutation = graphql(`
  mutation RemoveMaterial($materialId: ID!) {
    removeMaterial(materialId: $materialId) {
      ... on Case {
        __typename
        ...CaseDetail
      }
      ...CaseworkErrorParts
    }
  }
`)

export const SubmitApplicationMutation = graphql(`
  mutation SubmitApplication($caseId: ID!, $stepUpId: String) {
    submitApplication(caseId: $caseId, stepUpId: $stepUpId) {
      ... on Case {
        __typename
        id
        number
        status
      }
      ...CaseworkErrorParts
    }
  }
`)

export const ResubmitApplicationMutation = graphql(`
  mutation ResubmitApplication($caseId: ID!) {
    resubmitApplication(caseId: $caseId) {
      ... on Case {
        __typename
        id
        number
        status
      }
      ...CaseworkErrorParts
    }
  }
`)

export const WithdrawApplicationMutation = graphql(`
  mutation WithdrawApplication($caseId: ID!, $reason: String!) {
    withdrawApplication(caseId: $caseId, reason: $reason) {
      ... on Case {
        __typename
        ...CaseDetail
      }
      ...CaseworkErrorParts
    }
  }
`)

// The rating is its own query (not a field of Case): only the applicant reads it.
export const RatingPartsFragment = graphql(`
  fragment RatingParts on Rating {
    id
    score
    comment
    createdAt
    updatedAt
    editableUntil
    editable
  }
`)

export const CaseRatingQuery = graphql(`
  query CaseRating($caseId: ID!) {
    caseRating(caseId: $caseId) {
      ...RatingParts
    }
  }
`)

export const RateCaseMutation = graphql(`
  mutation RateCase($caseId: ID!, $score: Int!, $comment: String) {
    rateCase(caseId: $caseId, score: $score, comment: $comment) {
      ... on Rating {
        __typename
        ...RatingParts
      }
      ...CaseworkErrorParts
    }
  }
`)

export const FileComplaintMutation = graphql(`
  mutation FileComplaint($caseId: ID, $text: String!) {
    fileComplaint(caseId: $caseId, text: $text) {
      ... on Complaint {
        __typename
        id
        status
        caseNumber
      }
      ...CaseworkErrorParts
    }
  }
`)

// --- Live status (graphql-transport-ws; see composables/useCaseStatus.ts) --------------------

export const CaseStatusSubscription = graphql(`
  subscription CaseStatus($caseId: ID!) {
    caseStatus(caseId: $caseId) {
      caseId
      status
      at
    }
  }
`)
