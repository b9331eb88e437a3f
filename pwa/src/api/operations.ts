/**
 * All GraphQL operations used by the app. `npm run codegen` reads this file and
 * emits typed documents into ./generated (committed).
 */
import { graphql } from './generated'

export const CitiesQuery = graphql(`
  query Cities($first: Int!) {
    regions(level: CITY, first: $first) {
      edges {
        node {
          code
          name
          nameEn
        }
      }
    }
  }
`)

export const CityDepartmentsQuery = graphql(`
  query CityDepartments($code: String!, $first: Int!) {
    region(code: $code) {
      code
      name
      nameEn
      departments(first: $first) {
        edges {
          node {
            code
            name
            nameEn
            category
          }
        }
      }
    }
  }
`)

// --- Identity -----------------------------------------------------------------------------
// Every mutation result is a union of one success type and typed errors implementing
// UserError; `UserErrorParts` selects what the PWA needs to explain any of them, and
// `src/auth/result.ts` splits a result into data or error.

export const UserErrorPartsFragment = graphql(`
  fragment UserErrorParts on UserError {
    __typename
    code
    message
    ... on InvalidInputError {
      field
      reason
    }
    ... on RateLimitedError {
      retryAfterSeconds
    }
    ... on VerificationFailedError {
      failedChecks
    }
    ... on ProviderUnavailableError {
      provider
      timedOut
    }
  }
`)

export const AuthSuccessPartsFragment = graphql(`
  fragment AuthSuccessParts on AuthSuccess {
    __typename
    accessToken
    expiresIn
    refreshToken
    sessionId
  }
`)

export const MeQuery = graphql(`
  query Me {
    me {
      subject
      kind
      tier
      roles
      actingFor
      amr
      authTime
      person {
        id
        name
        maskedIdNumber
        maskedPhone
        sex
        ethnicity
        tier
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
      staff {
        id
        username
        name
        departmentCode
        departmentName
        roles
      }
    }
  }
`)

export const MySessionsQuery = graphql(`
  query MySessions {
    mySessions {
      id
      device
      methods
      createdAt
      lastUsedAt
      current
    }
  }
`)

export const EthnicGroupsQuery = graphql(`
  query EthnicGroups {
    ethnicGroups {
      code
      nameZh
      nameEn
    }
  }
`)

export const TierGuideQuery = graphql(`
  query TierGuide {
    tierGuide {
      tier
      allows
      howToReach
    }
  }
`)

export const SandboxSmsInboxQuery = graphql(`
  query SandboxSmsInbox($phone: String!) {
    sandboxSmsInbox(phone: $phone) {
      text
      sentAt
    }
  }
`)

export const SendSmsCodeMutation = graphql(`
  mutation SendSmsCode($phone: String!, $purpose: SmsPurpose!) {
    sendSmsCode(phone: $phone, purpose: $purpose) {
      ... on SmsCodeSent {
        __typename
        expiresAt
        resendAfterSeconds
      }
      ...UserErrorParts
    }
  }
`)

export const RegisterMutation = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      ...AuthSuccessParts
      ...UserErrorParts
    }
  }
`)

export const LoginWithPasswordMutation = graphql(`
  mutation LoginWithPassword($identifier: String!, $password: String!) {
    loginWithPassword(identifier: $identifier, password: $password) {
      ...AuthSuccessParts
      ...UserErrorParts
    }
  }
`)

export const LoginWithSmsMutation = graphql(`
  mutation LoginWithSms($phone: String!, $code: String!) {
    loginWithSms(phone: $phone, code: $code) {
      ...AuthSuccessParts
      ...UserErrorParts
    }
  }
`)

export const RefreshSessionMutation = graphql(`
  mutation RefreshSession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      ...AuthSuccessParts
      ...UserErrorParts
    }
  }
`)

export const RecoverAccountMutation = graphql(`
  mutation RecoverAccount(
    $idNumber: String!
    $phone: String!
    $smsCode: String!
    $newPassword: String!
  ) {
    recoverAccount(idNumber: $idNumber, phone: $phone, smsCode: $smsCode, newPassword: $newPassword) {
      ...AuthSuccessParts
      ...UserErrorParts
    }
  }
`)

export const DonePartsFragment = graphql(`
  fragment DoneParts on Done {
    __typename
    ok
  }
`)

export const LogoutMutation = graphql(`
  mutation Logout {
    logout {
      ...DoneParts
      ...UserErrorParts
    }
  }
`)

export const RevokeSessionMutation = graphql(`
  mutation RevokeSession($sessionId: ID!) {
    revokeSession(sessionId: $sessionId) {
      ...DoneParts
      ...UserErrorParts
    }
  }
`)
