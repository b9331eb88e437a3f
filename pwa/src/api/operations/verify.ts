import { graphql } from '../generated'

// GraphQL operations of the verify pages (picked up by codegen.ts): passkeys, the face
// check, third-party and counter verification, and the sensitive actions on "my identity".
// Every mutation selects `UserErrorParts` (defined in ../operations.ts).

export const PasskeyPartsFragment = graphql(`
  fragment PasskeyParts on Passkey {
    __typename
    id
    nickname
    createdAt
    lastUsedAt
    backedUp
    deviceType
  }
`)

export const MyPasskeysQuery = graphql(`
  query MyPasskeys {
    myPasskeys {
      ...PasskeyParts
    }
  }
`)

export const PasskeyOptionsPartsFragment = graphql(`
  fragment PasskeyOptionsParts on PasskeyOptions {
    __typename
    challengeId
    options
    expiresAt
  }
`)

export const BeginPasskeyLoginMutation = graphql(`
  mutation BeginPasskeyLogin {
    beginPasskeyLogin {
      ...PasskeyOptionsParts
      ...UserErrorParts
    }
  }
`)

export const FinishPasskeyLoginMutation = graphql(`
  mutation FinishPasskeyLogin($challengeId: ID!, $credential: String!) {
    finishPasskeyLogin(challengeId: $challengeId, credential: $credential) {
      ...AuthSuccessParts
      ...UserErrorParts
    }
  }
`)

export const BeginPasskeyRegistrationMutation = graphql(`
  mutation BeginPasskeyRegistration {
    beginPasskeyRegistration {
      ...PasskeyOptionsParts
      ...UserErrorParts
    }
  }
`)

export const FinishPasskeyRegistrationMutation = graphql(`
  mutation FinishPasskeyRegistration($challengeId: ID!, $credential: String!, $nickname: String) {
    finishPasskeyRegistration(challengeId: $challengeId, credential: $credential, nickname: $nickname) {
      ...PasskeyParts
      ...UserErrorParts
    }
  }
`)

export const RenamePasskeyMutation = graphql(`
  mutation RenamePasskey($id: ID!, $nickname: String!) {
    renamePasskey(id: $id, nickname: $nickname) {
      ...PasskeyParts
      ...UserErrorParts
    }
  }
`)

export const RemovePasskeyMutation = graphql(`
  mutation RemovePasskey($id: ID!) {
    removePasskey(id: $id) {
      ...DoneParts
      ...UserErrorParts
    }
  }
`)

export const StartFaceCheckMutation = graphql(`
  mutation StartFaceCheck($purpose: FaceCheckPurpose!, $action: String, $arguments: String) {
    startFaceCheck(purpose: $purpose, action: $action, arguments: $arguments) {
      ... on FaceCheckStarted {
        __typename
        faceCheckId
        expiresAt
        bindingDigest
      }
      ...UserErrorParts
    }
  }
`)

export const SubmitFaceCaptureMutation = graphql(`
  mutation SubmitFaceCapture($faceCheckId: ID!, $image: String!) {
    submitFaceCapture(faceCheckId: $faceCheckId, image: $image) {
      ... on FaceCheckPassed {
        __typename
        faceCheckId
        purpose
        tier
        validUntil
      }
      ...UserErrorParts
    }
  }
`)

export const VerifyWithThirdPartyMutation = graphql(`
  mutation VerifyWithThirdParty($method: ThirdPartyMethod!, $account: String!, $phone: String) {
    verifyWithThirdParty(method: $method, account: $account, phone: $phone) {
      ... on ThirdPartyVerified {
        __typename
        method
        tier
      }
      ...UserErrorParts
    }
  }
`)

export const CounterTicketIssuedPartsFragment = graphql(`
  fragment CounterTicketIssuedParts on CounterTicketIssued {
    __typename
    ticket
    expiresAt
  }
`)

export const CreateCounterTicketMutation = graphql(`
  mutation CreateCounterTicket {
    createCounterTicket {
      ...CounterTicketIssuedParts
      ...UserErrorParts
    }
  }
`)

export const ChangePhoneMutation = graphql(`
  mutation ChangePhone($newPhone: String!, $smsCode: String!) {
    changePhone(newPhone: $newPhone, smsCode: $smsCode) {
      ... on PhoneChanged {
        __typename
        maskedPhone
      }
      ...UserErrorParts
    }
  }
`)

export const RevealIdNumberMutation = graphql(`
  mutation RevealIdNumber($stepUpId: ID) {
    revealIdNumber(stepUpId: $stepUpId) {
      ... on IdNumberRevealed {
        __typename
        idNumber
      }
      ...UserErrorParts
    }
  }
`)
