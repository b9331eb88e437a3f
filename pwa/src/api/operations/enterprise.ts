import { graphql } from '../generated'

// GraphQL operations of the enterprise and staff pages (picked up by codegen.ts).
// Every mutation selects `UserErrorParts` (src/api/operations.ts) so `settle` can split it.

// --- Enterprises (legal persons) ----------------------------------------------------------

export const MyEnterprisesQuery = graphql(`
  query MyEnterprises {
    myEnterprises {
      enterpriseId
      name
      creditCode
      tier
      role
      status
      appointmentId
      scope
      startsAt
      expiresAt
      actingNow
    }
  }
`)

export const EnterprisePartsFragment = graphql(`
  fragment EnterpriseParts on Enterprise {
    __typename
    id
    name
    creditCode
    registrationNumber
    tier
    legalRepresentativeName
    viewerIsLegalRepresentative
    boundAt
    evidence {
      id
      tier
      method
      provider
      verifier
      createdAt
      revokedAt
      revokeReason
    }
  }
`)

export const EnterpriseQuery = graphql(`
  query Enterprise($id: ID!) {
    enterprise(id: $id) {
      ...EnterpriseParts
    }
  }
`)

export const BindEnterpriseMutation = graphql(`
  mutation BindEnterprise($input: BindEnterpriseInput!) {
    bindEnterprise(input: $input) {
      ...EnterpriseParts
      ...UserErrorParts
    }
  }
`)

export const VerifyEnterpriseTaxAccountMutation = graphql(`
  mutation VerifyEnterpriseTaxAccount($enterpriseId: ID!, $taxAccount: String!) {
    verifyEnterpriseTaxAccount(enterpriseId: $enterpriseId, taxAccount: $taxAccount) {
      ...EnterpriseParts
      ...UserErrorParts
    }
  }
`)

export const CreateEnterpriseCounterTicketMutation = graphql(`
  mutation CreateEnterpriseCounterTicket($enterpriseId: ID!) {
    createCounterTicket(enterpriseId: $enterpriseId) {
      ...CounterTicketIssuedParts
      ...UserErrorParts
    }
  }
`)

// --- Authorised agents (经办人) -------------------------------------------------------------

export const AgentAppointmentPartsFragment = graphql(`
  fragment AgentAppointmentParts on AgentAppointment {
    __typename
    id
    enterpriseId
    agentName
    agentIdNumber
    scope
    startsAt
    expiresAt
    appointedAt
    revokedAt
    status
  }
`)

export const EnterpriseAgentsQuery = graphql(`
  query EnterpriseAgents($enterpriseId: ID!) {
    enterpriseAgents(enterpriseId: $enterpriseId) {
      ...AgentAppointmentParts
    }
  }
`)

export const AppointAgentMutation = graphql(`
  mutation AppointAgent($enterpriseId: ID!, $input: AppointAgentInput!) {
    appointAgent(enterpriseId: $enterpriseId, input: $input) {
      ...AgentAppointmentParts
      ...UserErrorParts
    }
  }
`)

export const RevokeAgentMutation = graphql(`
  mutation RevokeAgent($appointmentId: ID!) {
    revokeAgent(appointmentId: $appointmentId) {
      ...AgentAppointmentParts
      ...UserErrorParts
    }
  }
`)

export const ActForEnterpriseMutation = graphql(`
  mutation ActForEnterprise($enterpriseId: ID) {
    actForEnterprise(enterpriseId: $enterpriseId) {
      ... on ActingSwitched {
        __typename
        accessToken
        expiresIn
        actingFor
      }
      ...UserErrorParts
    }
  }
`)

// --- Staff ----------------------------------------------------------------------------------

export const BeginStaffLoginMutation = graphql(`
  mutation BeginStaffLogin($username: String!, $password: String!, $enrolmentCode: String) {
    beginStaffLogin(username: $username, password: $password, enrolmentCode: $enrolmentCode) {
      ... on StaffPasskeyChallenge {
        __typename
        challengeId
        options
        expiresAt
      }
      ... on StaffEnrolmentRequired {
        __typename
        challengeId
        options
        expiresAt
      }
      ...UserErrorParts
    }
  }
`)

export const FinishStaffLoginMutation = graphql(`
  mutation FinishStaffLogin($challengeId: ID!, $credential: String!, $enrolmentCode: String) {
    finishStaffLogin(challengeId: $challengeId, credential: $credential, enrolmentCode: $enrolmentCode) {
      ...AuthSuccessParts
      ...UserErrorParts
    }
  }
`)

export const CounterTicketQuery = graphql(`
  query CounterTicket($ticket: String!) {
    counterTicket(ticket: $ticket) {
      ... on CounterTicketInfo {
        __typename
        subjectKind
        name
        maskedIdNumber
        sex
        enterpriseName
        creditCode
        expiresAt
      }
      ...UserErrorParts
    }
  }
`)

export const ConfirmCounterVerificationMutation = graphql(`
  mutation ConfirmCounterVerification($ticket: String!, $idCardChecked: Boolean!) {
    confirmCounterVerification(ticket: $ticket, idCardChecked: $idCardChecked) {
      ... on CounterVerified {
        __typename
        subjectKind
        tier
      }
      ...UserErrorParts
    }
  }
`)

export const StaffMemberPartsFragment = graphql(`
  fragment StaffMemberParts on StaffMember {
    __typename
    id
    username
    name
    departmentCode
    departmentName
    roles
    active
    createdAt
    passkeyCount
    enrolmentExpiresAt
  }
`)

export const StaffMembersQuery = graphql(`
  query StaffMembers($departmentCode: String) {
    staffMembers(departmentCode: $departmentCode) {
      ...StaffMemberParts
    }
  }
`)

export const StaffEnrolmentCodePartsFragment = graphql(`
  fragment StaffEnrolmentCodeParts on StaffEnrolmentCode {
    __typename
    enrolmentCode
    expiresAt
    staff {
      ...StaffMemberParts
    }
  }
`)

export const CreateStaffMemberMutation = graphql(`
  mutation CreateStaffMember($input: CreateStaffMemberInput!) {
    createStaffMember(input: $input) {
      ...StaffEnrolmentCodeParts
      ...UserErrorParts
    }
  }
`)

export const IssueStaffEnrolmentCodeMutation = graphql(`
  mutation IssueStaffEnrolmentCode($id: ID!) {
    issueStaffEnrolmentCode(id: $id) {
      ...StaffEnrolmentCodeParts
      ...UserErrorParts
    }
  }
`)

export const ResetStaffPasskeysMutation = graphql(`
  mutation ResetStaffPasskeys($id: ID!) {
    resetStaffPasskeys(id: $id) {
      ...StaffEnrolmentCodeParts
      ...UserErrorParts
    }
  }
`)

export const DeactivateStaffMemberMutation = graphql(`
  mutation DeactivateStaffMember($id: ID!) {
    deactivateStaffMember(id: $id) {
      ...StaffMemberParts
      ...UserErrorParts
    }
  }
`)
