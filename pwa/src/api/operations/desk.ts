import { graphql } from '../generated'

// GraphQL operations of the staff desk (办件工作台): case queues and handling, the 12345
// agent's lookup, supervision and the department's catalogue (picked up by codegen.ts).
// Names start with `Desk` so they never collide with the residents' casework operations.
// Every mutation selects `UserErrorParts` and `DeskFailureParts` so `settle` can split it
// and the page can explain casework's own errors (form problems, refused materials).

export const DeskFailurePartsFragment = graphql(`
  fragment DeskFailureParts on UserError {
    __typename
    code
    ... on FormInvalidError {
      problems {
        field
        reason
      }
    }
    ... on MaterialRejectedError {
      reason
    }
  }
`)

// --- Cases ----------------------------------------------------------------------------------

export const DeskCaseRowFragment = graphql(`
  fragment DeskCaseRow on Case {
    id
    number
    status
    applicantKind
    applicantName
    enterpriseName
    submittedAt
    dueOn
    overdue
    item {
      code
      name
      nameEn
    }
  }
`)

export const DeskCaseQueueQuery = graphql(`
  query DeskCaseQueue($queue: CaseQueue!, $first: Int, $after: String) {
    caseQueue(queue: $queue, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...DeskCaseRow
        }
      }
    }
  }
`)

export const DeskCasePartsFragment = graphql(`
  fragment DeskCaseParts on Case {
    __typename
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
      code
      version
      name
      nameEn
      statutoryDays
      promisedDays
      department {
        code
        name
        nameEn
      }
      materials {
        key
        name
        nameEn
      }
      form {
        key
        label
        labelEn
        type
        options {
          value
          label
          labelEn
        }
      }
    }
    materials {
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

export const DeskCaseQuery = graphql(`
  query DeskCase($id: ID!) {
    case(id: $id) {
      ...DeskCaseParts
    }
  }
`)

export const DeskCaseWarningsQuery = graphql(`
  query DeskCaseWarnings($caseId: ID!) {
    caseWarnings(caseId: $caseId) {
      id
      threshold
      raisedAt
    }
  }
`)

export const DeskAdvanceCaseMutation = graphql(`
  mutation DeskAdvanceCase($caseId: ID!, $action: CaseAction!, $reason: String) {
    advanceCase(caseId: $caseId, action: $action, reason: $reason) {
      ...DeskCaseParts
      ...UserErrorParts
      ...DeskFailureParts
    }
  }
`)

// --- 12345 call centre ------------------------------------------------------------------------

export const DeskCaseNotePartsFragment = graphql(`
  fragment DeskCaseNoteParts on CaseNote {
    __typename
    id
    text
    authorName
    createdAt
  }
`)

export const DeskLookupMutation = graphql(`
  mutation DeskLookup($kind: LookupKind!, $value: String!, $purpose: LookupPurpose!, $purposeText: String!) {
    callCentreLookup(kind: $kind, value: $value, purpose: $purpose, purposeText: $purposeText) {
      ... on LookupResult {
        __typename
        logId
        cases {
          caseId
          number
          itemName
          itemNameEn
          departmentName
          departmentNameEn
          status
          submittedAt
          dueOn
          applicantName
          applicantPhone
          applicantIdNumber
          timeline {
            action
            fromStatus
            toStatus
            actorRole
            reason
            at
          }
          notes {
            ...DeskCaseNoteParts
          }
        }
      }
      ...UserErrorParts
      ...DeskFailureParts
    }
  }
`)

export const DeskAddNoteMutation = graphql(`
  mutation DeskAddNote($caseId: ID!, $text: String!) {
    addCaseNote(caseId: $caseId, text: $text) {
      ...DeskCaseNoteParts
      ...UserErrorParts
      ...DeskFailureParts
    }
  }
`)

// --- Supervision ------------------------------------------------------------------------------

export const DeskMetricsQuery = graphql(`
  query DeskMetrics($from: Date!, $to: Date!, $departmentCode: String) {
    departmentMetrics(from: $from, to: $to, departmentCode: $departmentCode) {
      department {
        code
        name
        nameEn
      }
      casesReceived
      casesDecided
      onTimeRate
      averageHandlingDays
      ratingAverage
      ratingCount
      openCases
      overdueCases
      complaintsOpen
    }
  }
`)

export const DeskDeadlineWarningsQuery = graphql(`
  query DeskDeadlineWarnings($departmentCode: String, $first: Int, $after: String) {
    deadlineWarnings(departmentCode: $departmentCode, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          caseId
          caseNumber
          itemName
          itemNameEn
          threshold
          raisedAt
          dueOn
        }
      }
    }
  }
`)

export const DeskOverdueCasesQuery = graphql(`
  query DeskOverdueCases($departmentCode: String, $first: Int, $after: String) {
    overdueCases(departmentCode: $departmentCode, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...DeskCaseRow
        }
      }
    }
  }
`)

export const DeskComplaintPartsFragment = graphql(`
  fragment DeskComplaintParts on Complaint {
    __typename
    id
    caseId
    caseNumber
    text
    status
    answer
    createdAt
    updatedAt
    nextStatuses
    department {
      code
      name
      nameEn
    }
  }
`)

export const DeskComplaintsQuery = graphql(`
  query DeskComplaints($status: ComplaintStatus, $departmentCode: String, $first: Int, $after: String) {
    complaints(status: $status, departmentCode: $departmentCode, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...DeskComplaintParts
        }
      }
    }
  }
`)

export const DeskAdvanceComplaintMutation = graphql(`
  mutation DeskAdvanceComplaint($complaintId: ID!, $to: ComplaintStatus!, $answer: String) {
    advanceComplaint(complaintId: $complaintId, to: $to, answer: $answer) {
      ...DeskComplaintParts
      ...UserErrorParts
      ...DeskFailureParts
    }
  }
`)

export const DeskLookupLogQuery = graphql(`
  query DeskLookupLog($agentId: ID, $first: Int, $after: String) {
    lookupLog(agentId: $agentId, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          agentName
          queryKind
          purpose
          purposeText
          caseNumbers
          at
        }
      }
    }
  }
`)

// --- Catalogue (department admins) -----------------------------------------------------------

export const DeskItemPartsFragment = graphql(`
  fragment DeskItemParts on ServiceItem {
    __typename
    id
    code
    versionId
    version
    status
    validFrom
    name
    nameEn
    category
    categoryName
    categoryNameEn
    regionCode
    applicantKinds
    conditions
    conditionsEn
    feeFen
    statutoryDays
    promisedDays
    personTier
    enterpriseTier
    deliveryOptions
    fullyOnline
    department {
      code
      name
      nameEn
    }
    materials {
      key
      name
      nameEn
      required
      acceptedTypes
      maxFiles
      maxBytes
      licenseTypes
      note
      noteEn
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
      help
      helpEn
      options {
        value
        label
        labelEn
      }
    }
  }
`)

export const DeskServiceItemsQuery = graphql(`
  query DeskServiceItems($departmentCode: String, $query: String, $first: Int, $after: String) {
    serviceItems(departmentCode: $departmentCode, query: $query, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          code
          name
          nameEn
          version
          status
        }
      }
    }
  }
`)

export const DeskServiceCategoriesQuery = graphql(`
  query DeskServiceCategories {
    serviceCategories {
      code
      name
      nameEn
    }
  }
`)

export const DeskItemVersionsQuery = graphql(`
  query DeskItemVersions($code: String!) {
    serviceItemVersions(code: $code) {
      ...DeskItemParts
    }
  }
`)

export const DeskCreateItemMutation = graphql(`
  mutation DeskCreateItem($input: ServiceItemInput!) {
    createServiceItem(input: $input) {
      ...DeskItemParts
      ...UserErrorParts
      ...DeskFailureParts
    }
  }
`)

export const DeskDraftVersionMutation = graphql(`
  mutation DeskDraftVersion($code: String!) {
    draftServiceItemVersion(code: $code) {
      ...DeskItemParts
      ...UserErrorParts
      ...DeskFailureParts
    }
  }
`)

export const DeskUpdateDraftMutation = graphql(`
  mutation DeskUpdateDraft($versionId: ID!, $input: ServiceItemInput!) {
    updateServiceItemDraft(versionId: $versionId, input: $input) {
      ...DeskItemParts
      ...UserErrorParts
      ...DeskFailureParts
    }
  }
`)

export const DeskPublishVersionMutation = graphql(`
  mutation DeskPublishVersion($versionId: ID!, $validFrom: DateTime) {
    publishServiceItemVersion(versionId: $versionId, validFrom: $validFrom) {
      ...DeskItemParts
      ...UserErrorParts
      ...DeskFailureParts
    }
  }
`)

export const DeskRetireVersionMutation = graphql(`
  mutation DeskRetireVersion($versionId: ID!) {
    retireServiceItemVersion(versionId: $versionId) {
      ...DeskItemParts
      ...UserErrorParts
      ...DeskFailureParts
    }
  }
`)
