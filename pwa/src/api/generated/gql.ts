/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Cities($first: Int!) {\n    regions(level: CITY, first: $first) {\n      edges {\n        node {\n          code\n          name\n          nameEn\n        }\n      }\n    }\n  }\n": typeof types.CitiesDocument,
    "\n  query CityDepartments($code: String!, $first: Int!) {\n    region(code: $code) {\n      code\n      name\n      nameEn\n      departments(first: $first) {\n        edges {\n          node {\n            code\n            name\n            nameEn\n            category\n          }\n        }\n      }\n    }\n  }\n": typeof types.CityDepartmentsDocument,
    "\n  fragment UserErrorParts on UserError {\n    __typename\n    code\n    message\n    ... on InvalidInputError {\n      field\n      reason\n    }\n    ... on RateLimitedError {\n      retryAfterSeconds\n    }\n    ... on VerificationFailedError {\n      failedChecks\n    }\n    ... on ProviderUnavailableError {\n      provider\n      timedOut\n    }\n  }\n": typeof types.UserErrorPartsFragmentDoc,
    "\n  fragment AuthSuccessParts on AuthSuccess {\n    __typename\n    accessToken\n    expiresIn\n    refreshToken\n    sessionId\n  }\n": typeof types.AuthSuccessPartsFragmentDoc,
    "\n  query Me {\n    me {\n      subject\n      kind\n      tier\n      roles\n      actingFor\n      amr\n      authTime\n      person {\n        id\n        name\n        maskedIdNumber\n        maskedPhone\n        sex\n        ethnicity\n        tier\n        evidence {\n          id\n          tier\n          method\n          provider\n          verifier\n          createdAt\n          revokedAt\n          revokeReason\n        }\n      }\n      staff {\n        id\n        username\n        name\n        departmentCode\n        departmentName\n        roles\n      }\n    }\n  }\n": typeof types.MeDocument,
    "\n  query MySessions {\n    mySessions {\n      id\n      device\n      methods\n      createdAt\n      lastUsedAt\n      current\n    }\n  }\n": typeof types.MySessionsDocument,
    "\n  query EthnicGroups {\n    ethnicGroups {\n      code\n      nameZh\n      nameEn\n    }\n  }\n": typeof types.EthnicGroupsDocument,
    "\n  query TierGuide {\n    tierGuide {\n      tier\n      allows\n      howToReach\n    }\n  }\n": typeof types.TierGuideDocument,
    "\n  query SandboxSmsInbox($phone: String!) {\n    sandboxSmsInbox(phone: $phone) {\n      text\n      sentAt\n    }\n  }\n": typeof types.SandboxSmsInboxDocument,
    "\n  mutation SendSmsCode($phone: String!, $purpose: SmsPurpose!) {\n    sendSmsCode(phone: $phone, purpose: $purpose) {\n      ... on SmsCodeSent {\n        __typename\n        expiresAt\n        resendAfterSeconds\n      }\n      ...UserErrorParts\n    }\n  }\n": typeof types.SendSmsCodeDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ...AuthSuccessParts\n      ...UserErrorParts\n    }\n  }\n": typeof types.RegisterDocument,
    "\n  mutation LoginWithPassword($identifier: String!, $password: String!) {\n    loginWithPassword(identifier: $identifier, password: $password) {\n      ...AuthSuccessParts\n      ...UserErrorParts\n    }\n  }\n": typeof types.LoginWithPasswordDocument,
    "\n  mutation LoginWithSms($phone: String!, $code: String!) {\n    loginWithSms(phone: $phone, code: $code) {\n      ...AuthSuccessParts\n      ...UserErrorParts\n    }\n  }\n": typeof types.LoginWithSmsDocument,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      ...AuthSuccessParts\n      ...UserErrorParts\n    }\n  }\n": typeof types.RefreshSessionDocument,
    "\n  mutation RecoverAccount(\n    $idNumber: String!\n    $phone: String!\n    $smsCode: String!\n    $newPassword: String!\n  ) {\n    recoverAccount(idNumber: $idNumber, phone: $phone, smsCode: $smsCode, newPassword: $newPassword) {\n      ...AuthSuccessParts\n      ...UserErrorParts\n    }\n  }\n": typeof types.RecoverAccountDocument,
    "\n  fragment DoneParts on Done {\n    __typename\n    ok\n  }\n": typeof types.DonePartsFragmentDoc,
    "\n  mutation Logout {\n    logout {\n      ...DoneParts\n      ...UserErrorParts\n    }\n  }\n": typeof types.LogoutDocument,
    "\n  mutation RevokeSession($sessionId: ID!) {\n    revokeSession(sessionId: $sessionId) {\n      ...DoneParts\n      ...UserErrorParts\n    }\n  }\n": typeof types.RevokeSessionDocument,
    "\n  query MyEnterprises {\n    myEnterprises {\n      enterpriseId\n      name\n      creditCode\n      tier\n      role\n      status\n      appointmentId\n      scope\n      startsAt\n      expiresAt\n      actingNow\n    }\n  }\n": typeof types.MyEnterprisesDocument,
    "\n  fragment EnterpriseParts on Enterprise {\n    __typename\n    id\n    name\n    creditCode\n    registrationNumber\n    tier\n    legalRepresentativeName\n    viewerIsLegalRepresentative\n    boundAt\n    evidence {\n      id\n      tier\n      method\n      provider\n      verifier\n      createdAt\n      revokedAt\n      revokeReason\n    }\n  }\n": typeof types.EnterprisePartsFragmentDoc,
    "\n  query Enterprise($id: ID!) {\n    enterprise(id: $id) {\n      ...EnterpriseParts\n    }\n  }\n": typeof types.EnterpriseDocument,
    "\n  mutation BindEnterprise($input: BindEnterpriseInput!) {\n    bindEnterprise(input: $input) {\n      ...EnterpriseParts\n      ...UserErrorParts\n    }\n  }\n": typeof types.BindEnterpriseDocument,
    "\n  mutation VerifyEnterpriseTaxAccount($enterpriseId: ID!, $taxAccount: String!) {\n    verifyEnterpriseTaxAccount(enterpriseId: $enterpriseId, taxAccount: $taxAccount) {\n      ...EnterpriseParts\n      ...UserErrorParts\n    }\n  }\n": typeof types.VerifyEnterpriseTaxAccountDocument,
    "\n  mutation CreateEnterpriseCounterTicket($enterpriseId: ID!) {\n    createCounterTicket(enterpriseId: $enterpriseId) {\n      ...CounterTicketIssuedParts\n      ...UserErrorParts\n    }\n  }\n": typeof types.CreateEnterpriseCounterTicketDocument,
    "\n  fragment AgentAppointmentParts on AgentAppointment {\n    __typename\n    id\n    enterpriseId\n    agentName\n    agentIdNumber\n    scope\n    startsAt\n    expiresAt\n    appointedAt\n    revokedAt\n    status\n  }\n": typeof types.AgentAppointmentPartsFragmentDoc,
    "\n  query EnterpriseAgents($enterpriseId: ID!) {\n    enterpriseAgents(enterpriseId: $enterpriseId) {\n      ...AgentAppointmentParts\n    }\n  }\n": typeof types.EnterpriseAgentsDocument,
    "\n  mutation AppointAgent($enterpriseId: ID!, $input: AppointAgentInput!) {\n    appointAgent(enterpriseId: $enterpriseId, input: $input) {\n      ...AgentAppointmentParts\n      ...UserErrorParts\n    }\n  }\n": typeof types.AppointAgentDocument,
    "\n  mutation RevokeAgent($appointmentId: ID!) {\n    revokeAgent(appointmentId: $appointmentId) {\n      ...AgentAppointmentParts\n      ...UserErrorParts\n    }\n  }\n": typeof types.RevokeAgentDocument,
    "\n  mutation ActForEnterprise($enterpriseId: ID) {\n    actForEnterprise(enterpriseId: $enterpriseId) {\n      ... on ActingSwitched {\n        __typename\n        accessToken\n        expiresIn\n        actingFor\n      }\n      ...UserErrorParts\n    }\n  }\n": typeof types.ActForEnterpriseDocument,
    "\n  mutation BeginStaffLogin($username: String!, $password: String!, $enrolmentCode: String) {\n    beginStaffLogin(username: $username, password: $password, enrolmentCode: $enrolmentCode) {\n      ... on StaffPasskeyChallenge {\n        __typename\n        challengeId\n        options\n        expiresAt\n      }\n      ... on StaffEnrolmentRequired {\n        __typename\n        challengeId\n        options\n        expiresAt\n      }\n      ...UserErrorParts\n    }\n  }\n": typeof types.BeginStaffLoginDocument,
    "\n  mutation FinishStaffLogin($challengeId: ID!, $credential: String!, $enrolmentCode: String) {\n    finishStaffLogin(challengeId: $challengeId, credential: $credential, enrolmentCode: $enrolmentCode) {\n      ...AuthSuccessParts\n      ...UserErrorParts\n    }\n  }\n": typeof types.FinishStaffLoginDocument,
    "\n  query CounterTicket($ticket: String!) {\n    counterTicket(ticket: $ticket) {\n      ... on CounterTicketInfo {\n        __typename\n        subjectKind\n        name\n        maskedIdNumber\n        sex\n        enterpriseName\n        creditCode\n        expiresAt\n      }\n      ...UserErrorParts\n    }\n  }\n": typeof types.CounterTicketDocument,
    "\n  mutation ConfirmCounterVerification($ticket: String!, $idCardChecked: Boolean!) {\n    confirmCounterVerification(ticket: $ticket, idCardChecked: $idCardChecked) {\n      ... on CounterVerified {\n        __typename\n        subjectKind\n        tier\n      }\n      ...UserErrorParts\n    }\n  }\n": typeof types.ConfirmCounterVerificationDocument,
    "\n  fragment StaffMemberParts on StaffMember {\n    __typename\n    id\n    username\n    name\n    departmentCode\n    departmentName\n    roles\n    active\n    createdAt\n    passkeyCount\n    enrolmentExpiresAt\n  }\n": typeof types.StaffMemberPartsFragmentDoc,
    "\n  query StaffMembers($departmentCode: String) {\n    staffMembers(departmentCode: $departmentCode) {\n      ...StaffMemberParts\n    }\n  }\n": typeof types.StaffMembersDocument,
    "\n  fragment StaffEnrolmentCodeParts on StaffEnrolmentCode {\n    __typename\n    enrolmentCode\n    expiresAt\n    staff {\n      ...StaffMemberParts\n    }\n  }\n": typeof types.StaffEnrolmentCodePartsFragmentDoc,
    "\n  mutation CreateStaffMember($input: CreateStaffMemberInput!) {\n    createStaffMember(input: $input) {\n      ...StaffEnrolmentCodeParts\n      ...UserErrorParts\n    }\n  }\n": typeof types.CreateStaffMemberDocument,
    "\n  mutation IssueStaffEnrolmentCode($id: ID!) {\n    issueStaffEnrolmentCode(id: $id) {\n      ...StaffEnrolmentCodeParts\n      ...UserErrorParts\n    }\n  }\n": typeof types.IssueStaffEnrolmentCodeDocument,
    "\n  mutation ResetStaffPasskeys($id: ID!) {\n    resetStaffPasskeys(id: $id) {\n      ...StaffEnrolmentCodeParts\n      ...UserErrorParts\n    }\n  }\n": typeof types.ResetStaffPasskeysDocument,
    "\n  mutation DeactivateStaffMember($id: ID!) {\n    deactivateStaffMember(id: $id) {\n      ...StaffMemberParts\n      ...UserErrorParts\n    }\n  }\n": typeof types.DeactivateStaffMemberDocument,
    "\n  fragment PasskeyParts on Passkey {\n    __typename\n    id\n    nickname\n    createdAt\n    lastUsedAt\n    backedUp\n    deviceType\n  }\n": typeof types.PasskeyPartsFragmentDoc,
    "\n  query MyPasskeys {\n    myPasskeys {\n      ...PasskeyParts\n    }\n  }\n": typeof types.MyPasskeysDocument,
    "\n  fragment PasskeyOptionsParts on PasskeyOptions {\n    __typename\n    challengeId\n    options\n    expiresAt\n  }\n": typeof types.PasskeyOptionsPartsFragmentDoc,
    "\n  mutation BeginPasskeyLogin {\n    beginPasskeyLogin {\n      ...PasskeyOptionsParts\n      ...UserErrorParts\n    }\n  }\n": typeof types.BeginPasskeyLoginDocument,
    "\n  mutation FinishPasskeyLogin($challengeId: ID!, $credential: String!) {\n    finishPasskeyLogin(challengeId: $challengeId, credential: $credential) {\n      ...AuthSuccessParts\n      ...UserErrorParts\n    }\n  }\n": typeof types.FinishPasskeyLoginDocument,
    "\n  mutation BeginPasskeyRegistration {\n    beginPasskeyRegistration {\n      ...PasskeyOptionsParts\n      ...UserErrorParts\n    }\n  }\n": typeof types.BeginPasskeyRegistrationDocument,
    "\n  mutation FinishPasskeyRegistration($challengeId: ID!, $credential: String!, $nickname: String) {\n    finishPasskeyRegistration(challengeId: $challengeId, credential: $credential, nickname: $nickname) {\n      ...PasskeyParts\n      ...UserErrorParts\n    }\n  }\n": typeof types.FinishPasskeyRegistrationDocument,
    "\n  mutation RenamePasskey($id: ID!, $nickname: String!) {\n    renamePasskey(id: $id, nickname: $nickname) {\n      ...PasskeyParts\n      ...UserErrorParts\n    }\n  }\n": typeof types.RenamePasskeyDocument,
    "\n  mutation RemovePasskey($id: ID!) {\n    removePasskey(id: $id) {\n      ...DoneParts\n      ...UserErrorParts\n    }\n  }\n": typeof types.RemovePasskeyDocument,
    "\n  mutation StartFaceCheck($purpose: FaceCheckPurpose!, $action: String, $arguments: String) {\n    startFaceCheck(purpose: $purpose, action: $action, arguments: $arguments) {\n      ... on FaceCheckStarted {\n        __typename\n        faceCheckId\n        expiresAt\n        bindingDigest\n      }\n      ...UserErrorParts\n    }\n  }\n": typeof types.StartFaceCheckDocument,
    "\n  mutation SubmitFaceCapture($faceCheckId: ID!, $image: String!) {\n    submitFaceCapture(faceCheckId: $faceCheckId, image: $image) {\n      ... on FaceCheckPassed {\n        __typename\n        faceCheckId\n        purpose\n        tier\n        validUntil\n      }\n      ...UserErrorParts\n    }\n  }\n": typeof types.SubmitFaceCaptureDocument,
    "\n  mutation VerifyWithThirdParty($method: ThirdPartyMethod!, $account: String!, $phone: String) {\n    verifyWithThirdParty(method: $method, account: $account, phone: $phone) {\n      ... on ThirdPartyVerified {\n        __typename\n        method\n        tier\n      }\n      ...UserErrorParts\n    }\n  }\n": typeof types.VerifyWithThirdPartyDocument,
    "\n  fragment CounterTicketIssuedParts on CounterTicketIssued {\n    __typename\n    ticket\n    expiresAt\n  }\n": typeof types.CounterTicketIssuedPartsFragmentDoc,
    "\n  mutation CreateCounterTicket {\n    createCounterTicket {\n      ...CounterTicketIssuedParts\n      ...UserErrorParts\n    }\n  }\n": typeof types.CreateCounterTicketDocument,
    "\n  mutation ChangePhone($newPhone: String!, $smsCode: String!) {\n    changePhone(newPhone: $newPhone, smsCode: $smsCode) {\n      ... on PhoneChanged {\n        __typename\n        maskedPhone\n      }\n      ...UserErrorParts\n    }\n  }\n": typeof types.ChangePhoneDocument,
    "\n  mutation RevealIdNumber($stepUpId: ID) {\n    revealIdNumber(stepUpId: $stepUpId) {\n      ... on IdNumberRevealed {\n        __typename\n        idNumber\n      }\n      ...UserErrorParts\n    }\n  }\n": typeof types.RevealIdNumberDocument,
};
const documents: Documents = {
    "\n  query Cities($first: Int!) {\n    regions(level: CITY, first: $first) {\n      edges {\n        node {\n          code\n          name\n          nameEn\n        }\n      }\n    }\n  }\n": types.CitiesDocument,
    "\n  query CityDepartments($code: String!, $first: Int!) {\n    region(code: $code) {\n      code\n      name\n      nameEn\n      departments(first: $first) {\n        edges {\n          node {\n            code\n            name\n            nameEn\n            category\n          }\n        }\n      }\n    }\n  }\n": types.CityDepartmentsDocument,
    "\n  fragment UserErrorParts on UserError {\n    __typename\n    code\n    message\n    ... on InvalidInputError {\n      field\n      reason\n    }\n    ... on RateLimitedError {\n      retryAfterSeconds\n    }\n    ... on VerificationFailedError {\n      failedChecks\n    }\n    ... on ProviderUnavailableError {\n      provider\n      timedOut\n    }\n  }\n": types.UserErrorPartsFragmentDoc,
    "\n  fragment AuthSuccessParts on AuthSuccess {\n    __typename\n    accessToken\n    expiresIn\n    refreshToken\n    sessionId\n  }\n": types.AuthSuccessPartsFragmentDoc,
    "\n  query Me {\n    me {\n      subject\n      kind\n      tier\n      roles\n      actingFor\n      amr\n      authTime\n      person {\n        id\n        name\n        maskedIdNumber\n        maskedPhone\n        sex\n        ethnicity\n        tier\n        evidence {\n          id\n          tier\n          method\n          provider\n          verifier\n          createdAt\n          revokedAt\n          revokeReason\n        }\n      }\n      staff {\n        id\n        username\n        name\n        departmentCode\n        departmentName\n        roles\n      }\n    }\n  }\n": types.MeDocument,
    "\n  query MySessions {\n    mySessions {\n      id\n      device\n      methods\n      createdAt\n      lastUsedAt\n      current\n    }\n  }\n": types.MySessionsDocument,
    "\n  query EthnicGroups {\n    ethnicGroups {\n      code\n      nameZh\n      nameEn\n    }\n  }\n": types.EthnicGroupsDocument,
    "\n  query TierGuide {\n    tierGuide {\n      tier\n      allows\n      howToReach\n    }\n  }\n": types.TierGuideDocument,
    "\n  query SandboxSmsInbox($phone: String!) {\n    sandboxSmsInbox(phone: $phone) {\n      text\n      sentAt\n    }\n  }\n": types.SandboxSmsInboxDocument,
    "\n  mutation SendSmsCode($phone: String!, $purpose: SmsPurpose!) {\n    sendSmsCode(phone: $phone, purpose: $purpose) {\n      ... on SmsCodeSent {\n        __typename\n        expiresAt\n        resendAfterSeconds\n      }\n      ...UserErrorParts\n    }\n  }\n": types.SendSmsCodeDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ...AuthSuccessParts\n      ...UserErrorParts\n    }\n  }\n": types.RegisterDocument,
    "\n  mutation LoginWithPassword($identifier: String!, $password: String!) {\n    loginWithPassword(identifier: $identifier, password: $password) {\n      ...AuthSuccessParts\n      ...UserErrorParts\n    }\n  }\n": types.LoginWithPasswordDocument,
    "\n  mutation LoginWithSms($phone: String!, $code: String!) {\n    loginWithSms(phone: $phone, code: $code) {\n      ...AuthSuccessParts\n      ...UserErrorParts\n    }\n  }\n": types.LoginWithSmsDocument,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      ...AuthSuccessParts\n      ...UserErrorParts\n    }\n  }\n": types.RefreshSessionDocument,
    "\n  mutation RecoverAccount(\n    $idNumber: String!\n    $phone: String!\n    $smsCode: String!\n    $newPassword: String!\n  ) {\n    recoverAccount(idNumber: $idNumber, phone: $phone, smsCode: $smsCode, newPassword: $newPassword) {\n      ...AuthSuccessParts\n      ...UserErrorParts\n    }\n  }\n": types.RecoverAccountDocument,
    "\n  fragment DoneParts on Done {\n    __typename\n    ok\n  }\n": types.DonePartsFragmentDoc,
    "\n  mutation Logout {\n    logout {\n      ...DoneParts\n      ...UserErrorParts\n    }\n  }\n": types.LogoutDocument,
    "\n  mutation RevokeSession($sessionId: ID!) {\n    revokeSession(sessionId: $sessionId) {\n      ...DoneParts\n      ...UserErrorParts\n    }\n  }\n": types.RevokeSessionDocument,
    "\n  query MyEnterprises {\n    myEnterprises {\n      enterpriseId\n      name\n      creditCode\n      tier\n      role\n      status\n      appointmentId\n      scope\n      startsAt\n      expiresAt\n      actingNow\n    }\n  }\n": types.MyEnterprisesDocument,
    "\n  fragment EnterpriseParts on Enterprise {\n    __typename\n    id\n    name\n    creditCode\n    registrationNumber\n    tier\n    legalRepresentativeName\n    viewerIsLegalRepresentative\n    boundAt\n    evidence {\n      id\n      tier\n      method\n      provider\n      verifier\n      createdAt\n      revokedAt\n      revokeReason\n    }\n  }\n": types.EnterprisePartsFragmentDoc,
    "\n  query Enterprise($id: ID!) {\n    enterprise(id: $id) {\n      ...EnterpriseParts\n    }\n  }\n": types.EnterpriseDocument,
    "\n  mutation BindEnterprise($input: BindEnterpriseInput!) {\n    bindEnterprise(input: $input) {\n      ...EnterpriseParts\n      ...UserErrorParts\n    }\n  }\n": types.BindEnterpriseDocument,
    "\n  mutation VerifyEnterpriseTaxAccount($enterpriseId: ID!, $taxAccount: String!) {\n    verifyEnterpriseTaxAccount(enterpriseId: $enterpriseId, taxAccount: $taxAccount) {\n      ...EnterpriseParts\n      ...UserErrorParts\n    }\n  }\n": types.VerifyEnterpriseTaxAccountDocument,
    "\n  mutation CreateEnterpriseCounterTicket($enterpriseId: ID!) {\n    createCounterTicket(enterpriseId: $enterpriseId) {\n      ...CounterTicketIssuedParts\n      ...UserErrorParts\n    }\n  }\n": types.CreateEnterpriseCounterTicketDocument,
    "\n  fragment AgentAppointmentParts on AgentAppointment {\n    __typename\n    id\n    enterpriseId\n    agentName\n    agentIdNumber\n    scope\n    startsAt\n    expiresAt\n    appointedAt\n    revokedAt\n    status\n  }\n": types.AgentAppointmentPartsFragmentDoc,
    "\n  query EnterpriseAgents($enterpriseId: ID!) {\n    enterpriseAgents(enterpriseId: $enterpriseId) {\n      ...AgentAppointmentParts\n    }\n  }\n": types.EnterpriseAgentsDocument,
    "\n  mutation AppointAgent($enterpriseId: ID!, $input: AppointAgentInput!) {\n    appointAgent(enterpriseId: $enterpriseId, input: $input) {\n      ...AgentAppointmentParts\n      ...UserErrorParts\n    }\n  }\n": types.AppointAgentDocument,
    "\n  mutation RevokeAgent($appointmentId: ID!) {\n    revokeAgent(appointmentId: $appointmentId) {\n      ...AgentAppointmentParts\n      ...UserErrorParts\n    }\n  }\n": types.RevokeAgentDocument,
    "\n  mutation ActForEnterprise($enterpriseId: ID) {\n    actForEnterprise(enterpriseId: $enterpriseId) {\n      ... on ActingSwitched {\n        __typename\n        accessToken\n        expiresIn\n        actingFor\n      }\n      ...UserErrorParts\n    }\n  }\n": types.ActForEnterpriseDocument,
    "\n  mutation BeginStaffLogin($username: String!, $password: String!, $enrolmentCode: String) {\n    beginStaffLogin(username: $username, password: $password, enrolmentCode: $enrolmentCode) {\n      ... on StaffPasskeyChallenge {\n        __typename\n        challengeId\n        options\n        expiresAt\n      }\n      ... on StaffEnrolmentRequired {\n        __typename\n        challengeId\n        options\n        expiresAt\n      }\n      ...UserErrorParts\n    }\n  }\n": types.BeginStaffLoginDocument,
    "\n  mutation FinishStaffLogin($challengeId: ID!, $credential: String!, $enrolmentCode: String) {\n    finishStaffLogin(challengeId: $challengeId, credential: $credential, enrolmentCode: $enrolmentCode) {\n      ...AuthSuccessParts\n      ...UserErrorParts\n    }\n  }\n": types.FinishStaffLoginDocument,
    "\n  query CounterTicket($ticket: String!) {\n    counterTicket(ticket: $ticket) {\n      ... on CounterTicketInfo {\n        __typename\n        subjectKind\n        name\n        maskedIdNumber\n        sex\n        enterpriseName\n        creditCode\n        expiresAt\n      }\n      ...UserErrorParts\n    }\n  }\n": types.CounterTicketDocument,
    "\n  mutation ConfirmCounterVerification($ticket: String!, $idCardChecked: Boolean!) {\n    confirmCounterVerification(ticket: $ticket, idCardChecked: $idCardChecked) {\n      ... on CounterVerified {\n        __typename\n        subjectKind\n        tier\n      }\n      ...UserErrorParts\n    }\n  }\n": types.ConfirmCounterVerificationDocument,
    "\n  fragment StaffMemberParts on StaffMember {\n    __typename\n    id\n    username\n    name\n    departmentCode\n    departmentName\n    roles\n    active\n    createdAt\n    passkeyCount\n    enrolmentExpiresAt\n  }\n": types.StaffMemberPartsFragmentDoc,
    "\n  query StaffMembers($departmentCode: String) {\n    staffMembers(departmentCode: $departmentCode) {\n      ...StaffMemberParts\n    }\n  }\n": types.StaffMembersDocument,
    "\n  fragment StaffEnrolmentCodeParts on StaffEnrolmentCode {\n    __typename\n    enrolmentCode\n    expiresAt\n    staff {\n      ...StaffMemberParts\n    }\n  }\n": types.StaffEnrolmentCodePartsFragmentDoc,
    "\n  mutation CreateStaffMember($input: CreateStaffMemberInput!) {\n    createStaffMember(input: $input) {\n      ...StaffEnrolmentCodeParts\n      ...UserErrorParts\n    }\n  }\n": types.CreateStaffMemberDocument,
    "\n  mutation IssueStaffEnrolmentCode($id: ID!) {\n    issueStaffEnrolmentCode(id: $id) {\n      ...StaffEnrolmentCodeParts\n      ...UserErrorParts\n    }\n  }\n": types.IssueStaffEnrolmentCodeDocument,
    "\n  mutation ResetStaffPasskeys($id: ID!) {\n    resetStaffPasskeys(id: $id) {\n      ...StaffEnrolmentCodeParts\n      ...UserErrorParts\n    }\n  }\n": types.ResetStaffPasskeysDocument,
    "\n  mutation DeactivateStaffMember($id: ID!) {\n    deactivateStaffMember(id: $id) {\n      ...StaffMemberParts\n      ...UserErrorParts\n    }\n  }\n": types.DeactivateStaffMemberDocument,
    "\n  fragment PasskeyParts on Passkey {\n    __typename\n    id\n    nickname\n    createdAt\n    lastUsedAt\n    backedUp\n    deviceType\n  }\n": types.PasskeyPartsFragmentDoc,
    "\n  query MyPasskeys {\n    myPasskeys {\n      ...PasskeyParts\n    }\n  }\n": types.MyPasskeysDocument,
    "\n  fragment PasskeyOptionsParts on PasskeyOptions {\n    __typename\n    challengeId\n    options\n    expiresAt\n  }\n": types.PasskeyOptionsPartsFragmentDoc,
    "\n  mutation BeginPasskeyLogin {\n    beginPasskeyLogin {\n      ...PasskeyOptionsParts\n      ...UserErrorParts\n    }\n  }\n": types.BeginPasskeyLoginDocument,
    "\n  mutation FinishPasskeyLogin($challengeId: ID!, $credential: String!) {\n    finishPasskeyLogin(challengeId: $challengeId, credential: $credential) {\n      ...AuthSuccessParts\n      ...UserErrorParts\n    }\n  }\n": types.FinishPasskeyLoginDocument,
    "\n  mutation BeginPasskeyRegistration {\n    beginPasskeyRegistration {\n      ...PasskeyOptionsParts\n      ...UserErrorParts\n    }\n  }\n": types.BeginPasskeyRegistrationDocument,
    "\n  mutation FinishPasskeyRegistration($challengeId: ID!, $credential: String!, $nickname: String) {\n    finishPasskeyRegistration(challengeId: $challengeId, credential: $credential, nickname: $nickname) {\n      ...PasskeyParts\n      ...UserErrorParts\n    }\n  }\n": types.FinishPasskeyRegistrationDocument,
    "\n  mutation RenamePasskey($id: ID!, $nickname: String!) {\n    renamePasskey(id: $id, nickname: $nickname) {\n      ...PasskeyParts\n      ...UserErrorParts\n    }\n  }\n": types.RenamePasskeyDocument,
    "\n  mutation RemovePasskey($id: ID!) {\n    removePasskey(id: $id) {\n      ...DoneParts\n      ...UserErrorParts\n    }\n  }\n": types.RemovePasskeyDocument,
    "\n  mutation StartFaceCheck($purpose: FaceCheckPurpose!, $action: String, $arguments: String) {\n    startFaceCheck(purpose: $purpose, action: $action, arguments: $arguments) {\n      ... on FaceCheckStarted {\n        __typename\n        faceCheckId\n        expiresAt\n        bindingDigest\n      }\n      ...UserErrorParts\n    }\n  }\n": types.StartFaceCheckDocument,
    "\n  mutation SubmitFaceCapture($faceCheckId: ID!, $image: String!) {\n    submitFaceCapture(faceCheckId: $faceCheckId, image: $image) {\n      ... on FaceCheckPassed {\n        __typename\n        faceCheckId\n        purpose\n        tier\n        validUntil\n      }\n      ...UserErrorParts\n    }\n  }\n": types.SubmitFaceCaptureDocument,
    "\n  mutation VerifyWithThirdParty($method: ThirdPartyMethod!, $account: String!, $phone: String) {\n    verifyWithThirdParty(method: $method, account: $account, phone: $phone) {\n      ... on ThirdPartyVerified {\n        __typename\n        method\n        tier\n      }\n      ...UserErrorParts\n    }\n  }\n": types.VerifyWithThirdPartyDocument,
    "\n  fragment CounterTicketIssuedParts on CounterTicketIssued {\n    __typename\n    ticket\n    expiresAt\n  }\n": types.CounterTicketIssuedPartsFragmentDoc,
    "\n  mutation CreateCounterTicket {\n    createCounterTicket {\n      ...CounterTicketIssuedParts\n      ...UserErrorParts\n    }\n  }\n": types.CreateCounterTicketDocument,
    "\n  mutation ChangePhone($newPhone: String!, $smsCode: String!) {\n    changePhone(newPhone: $newPhone, smsCode: $smsCode) {\n      ... on PhoneChanged {\n        __typename\n        maskedPhone\n      }\n      ...UserErrorParts\n    }\n  }\n": types.ChangePhoneDocument,
    "\n  mutation RevealIdNumber($stepUpId: ID) {\n    revealIdNumber(stepUpId: $stepUpId) {\n      ... on IdNumberRevealed {\n        __typename\n        idNumber\n      }\n      ...UserErrorParts\n    }\n  }\n": types.RevealIdNumberDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Cities($first: Int!) {\n    regions(level: CITY, first: $first) {\n      edges {\n        node {\n          code\n          name\n          nameEn\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Cities($first: Int!) {\n    regions(level: CITY, first: $first) {\n      edges {\n        node {\n          code\n          name\n          nameEn\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CityDepartments($code: String!, $first: Int!) {\n    region(code: $code) {\n      code\n      name\n      nameEn\n      departments(first: $first) {\n        edges {\n          node {\n            code\n            name\n            nameEn\n            category\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CityDepartments($code: String!, $first: Int!) {\n    region(code: $code) {\n      code\n      name\n      nameEn\n      departments(first: $first) {\n        edges {\n          node {\n            code\n            name\n            nameEn\n            category\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserErrorParts on UserError {\n    __typename\n    code\n    message\n    ... on InvalidInputError {\n      field\n      reason\n    }\n    ... on RateLimitedError {\n      retryAfterSeconds\n    }\n    ... on VerificationFailedError {\n      failedChecks\n    }\n    ... on ProviderUnavailableError {\n      provider\n      timedOut\n    }\n  }\n"): (typeof documents)["\n  fragment UserErrorParts on UserError {\n    __typename\n    code\n    message\n    ... on InvalidInputError {\n      field\n      reason\n    }\n    ... on RateLimitedError {\n      retryAfterSeconds\n    }\n    ... on VerificationFailedError {\n      failedChecks\n    }\n    ... on ProviderUnavailableError {\n      provider\n      timedOut\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuthSuccessParts on AuthSuccess {\n    __typename\n    accessToken\n    expiresIn\n    refreshToken\n    sessionId\n  }\n"): (typeof documents)["\n  fragment AuthSuccessParts on AuthSuccess {\n    __typename\n    accessToken\n    expiresIn\n    refreshToken\n    sessionId\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      subject\n      kind\n      tier\n      roles\n      actingFor\n      amr\n      authTime\n      person {\n        id\n        name\n        maskedIdNumber\n        maskedPhone\n        sex\n        ethnicity\n        tier\n        evidence {\n          id\n          tier\n          method\n          provider\n          verifier\n          createdAt\n          revokedAt\n          revokeReason\n        }\n      }\n      staff {\n        id\n        username\n        name\n        departmentCode\n        departmentName\n        roles\n      }\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      subject\n      kind\n      tier\n      roles\n      actingFor\n      amr\n      authTime\n      person {\n        id\n        name\n        maskedIdNumber\n        maskedPhone\n        sex\n        ethnicity\n        tier\n        evidence {\n          id\n          tier\n          method\n          provider\n          verifier\n          createdAt\n          revokedAt\n          revokeReason\n        }\n      }\n      staff {\n        id\n        username\n        name\n        departmentCode\n        departmentName\n        roles\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MySessions {\n    mySessions {\n      id\n      device\n      methods\n      createdAt\n      lastUsedAt\n      current\n    }\n  }\n"): (typeof documents)["\n  query MySessions {\n    mySessions {\n      id\n      device\n      methods\n      createdAt\n      lastUsedAt\n      current\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EthnicGroups {\n    ethnicGroups {\n      code\n      nameZh\n      nameEn\n    }\n  }\n"): (typeof documents)["\n  query EthnicGroups {\n    ethnicGroups {\n      code\n      nameZh\n      nameEn\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TierGuide {\n    tierGuide {\n      tier\n      allows\n      howToReach\n    }\n  }\n"): (typeof documents)["\n  query TierGuide {\n    tierGuide {\n      tier\n      allows\n      howToReach\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SandboxSmsInbox($phone: String!) {\n    sandboxSmsInbox(phone: $phone) {\n      text\n      sentAt\n    }\n  }\n"): (typeof documents)["\n  query SandboxSmsInbox($phone: String!) {\n    sandboxSmsInbox(phone: $phone) {\n      text\n      sentAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendSmsCode($phone: String!, $purpose: SmsPurpose!) {\n    sendSmsCode(phone: $phone, purpose: $purpose) {\n      ... on SmsCodeSent {\n        __typename\n        expiresAt\n        resendAfterSeconds\n      }\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation SendSmsCode($phone: String!, $purpose: SmsPurpose!) {\n    sendSmsCode(phone: $phone, purpose: $purpose) {\n      ... on SmsCodeSent {\n        __typename\n        expiresAt\n        resendAfterSeconds\n      }\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ...AuthSuccessParts\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ...AuthSuccessParts\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LoginWithPassword($identifier: String!, $password: String!) {\n    loginWithPassword(identifier: $identifier, password: $password) {\n      ...AuthSuccessParts\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation LoginWithPassword($identifier: String!, $password: String!) {\n    loginWithPassword(identifier: $identifier, password: $password) {\n      ...AuthSuccessParts\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LoginWithSms($phone: String!, $code: String!) {\n    loginWithSms(phone: $phone, code: $code) {\n      ...AuthSuccessParts\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation LoginWithSms($phone: String!, $code: String!) {\n    loginWithSms(phone: $phone, code: $code) {\n      ...AuthSuccessParts\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      ...AuthSuccessParts\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      ...AuthSuccessParts\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecoverAccount(\n    $idNumber: String!\n    $phone: String!\n    $smsCode: String!\n    $newPassword: String!\n  ) {\n    recoverAccount(idNumber: $idNumber, phone: $phone, smsCode: $smsCode, newPassword: $newPassword) {\n      ...AuthSuccessParts\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation RecoverAccount(\n    $idNumber: String!\n    $phone: String!\n    $smsCode: String!\n    $newPassword: String!\n  ) {\n    recoverAccount(idNumber: $idNumber, phone: $phone, smsCode: $smsCode, newPassword: $newPassword) {\n      ...AuthSuccessParts\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DoneParts on Done {\n    __typename\n    ok\n  }\n"): (typeof documents)["\n  fragment DoneParts on Done {\n    __typename\n    ok\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout {\n      ...DoneParts\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout {\n      ...DoneParts\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeSession($sessionId: ID!) {\n    revokeSession(sessionId: $sessionId) {\n      ...DoneParts\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeSession($sessionId: ID!) {\n    revokeSession(sessionId: $sessionId) {\n      ...DoneParts\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyEnterprises {\n    myEnterprises {\n      enterpriseId\n      name\n      creditCode\n      tier\n      role\n      status\n      appointmentId\n      scope\n      startsAt\n      expiresAt\n      actingNow\n    }\n  }\n"): (typeof documents)["\n  query MyEnterprises {\n    myEnterprises {\n      enterpriseId\n      name\n      creditCode\n      tier\n      role\n      status\n      appointmentId\n      scope\n      startsAt\n      expiresAt\n      actingNow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EnterpriseParts on Enterprise {\n    __typename\n    id\n    name\n    creditCode\n    registrationNumber\n    tier\n    legalRepresentativeName\n    viewerIsLegalRepresentative\n    boundAt\n    evidence {\n      id\n      tier\n      method\n      provider\n      verifier\n      createdAt\n      revokedAt\n      revokeReason\n    }\n  }\n"): (typeof documents)["\n  fragment EnterpriseParts on Enterprise {\n    __typename\n    id\n    name\n    creditCode\n    registrationNumber\n    tier\n    legalRepresentativeName\n    viewerIsLegalRepresentative\n    boundAt\n    evidence {\n      id\n      tier\n      method\n      provider\n      verifier\n      createdAt\n      revokedAt\n      revokeReason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Enterprise($id: ID!) {\n    enterprise(id: $id) {\n      ...EnterpriseParts\n    }\n  }\n"): (typeof documents)["\n  query Enterprise($id: ID!) {\n    enterprise(id: $id) {\n      ...EnterpriseParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BindEnterprise($input: BindEnterpriseInput!) {\n    bindEnterprise(input: $input) {\n      ...EnterpriseParts\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation BindEnterprise($input: BindEnterpriseInput!) {\n    bindEnterprise(input: $input) {\n      ...EnterpriseParts\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyEnterpriseTaxAccount($enterpriseId: ID!, $taxAccount: String!) {\n    verifyEnterpriseTaxAccount(enterpriseId: $enterpriseId, taxAccount: $taxAccount) {\n      ...EnterpriseParts\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation VerifyEnterpriseTaxAccount($enterpriseId: ID!, $taxAccount: String!) {\n    verifyEnterpriseTaxAccount(enterpriseId: $enterpriseId, taxAccount: $taxAccount) {\n      ...EnterpriseParts\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateEnterpriseCounterTicket($enterpriseId: ID!) {\n    createCounterTicket(enterpriseId: $enterpriseId) {\n      ...CounterTicketIssuedParts\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation CreateEnterpriseCounterTicket($enterpriseId: ID!) {\n    createCounterTicket(enterpriseId: $enterpriseId) {\n      ...CounterTicketIssuedParts\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AgentAppointmentParts on AgentAppointment {\n    __typename\n    id\n    enterpriseId\n    agentName\n    agentIdNumber\n    scope\n    startsAt\n    expiresAt\n    appointedAt\n    revokedAt\n    status\n  }\n"): (typeof documents)["\n  fragment AgentAppointmentParts on AgentAppointment {\n    __typename\n    id\n    enterpriseId\n    agentName\n    agentIdNumber\n    scope\n    startsAt\n    expiresAt\n    appointedAt\n    revokedAt\n    status\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EnterpriseAgents($enterpriseId: ID!) {\n    enterpriseAgents(enterpriseId: $enterpriseId) {\n      ...AgentAppointmentParts\n    }\n  }\n"): (typeof documents)["\n  query EnterpriseAgents($enterpriseId: ID!) {\n    enterpriseAgents(enterpriseId: $enterpriseId) {\n      ...AgentAppointmentParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AppointAgent($enterpriseId: ID!, $input: AppointAgentInput!) {\n    appointAgent(enterpriseId: $enterpriseId, input: $input) {\n      ...AgentAppointmentParts\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation AppointAgent($enterpriseId: ID!, $input: AppointAgentInput!) {\n    appointAgent(enterpriseId: $enterpriseId, input: $input) {\n      ...AgentAppointmentParts\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeAgent($appointmentId: ID!) {\n    revokeAgent(appointmentId: $appointmentId) {\n      ...AgentAppointmentParts\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeAgent($appointmentId: ID!) {\n    revokeAgent(appointmentId: $appointmentId) {\n      ...AgentAppointmentParts\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ActForEnterprise($enterpriseId: ID) {\n    actForEnterprise(enterpriseId: $enterpriseId) {\n      ... on ActingSwitched {\n        __typename\n        accessToken\n        expiresIn\n        actingFor\n      }\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation ActForEnterprise($enterpriseId: ID) {\n    actForEnterprise(enterpriseId: $enterpriseId) {\n      ... on ActingSwitched {\n        __typename\n        accessToken\n        expiresIn\n        actingFor\n      }\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BeginStaffLogin($username: String!, $password: String!, $enrolmentCode: String) {\n    beginStaffLogin(username: $username, password: $password, enrolmentCode: $enrolmentCode) {\n      ... on StaffPasskeyChallenge {\n        __typename\n        challengeId\n        options\n        expiresAt\n      }\n      ... on StaffEnrolmentRequired {\n        __typename\n        challengeId\n        options\n        expiresAt\n      }\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation BeginStaffLogin($username: String!, $password: String!, $enrolmentCode: String) {\n    beginStaffLogin(username: $username, password: $password, enrolmentCode: $enrolmentCode) {\n      ... on StaffPasskeyChallenge {\n        __typename\n        challengeId\n        options\n        expiresAt\n      }\n      ... on StaffEnrolmentRequired {\n        __typename\n        challengeId\n        options\n        expiresAt\n      }\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FinishStaffLogin($challengeId: ID!, $credential: String!, $enrolmentCode: String) {\n    finishStaffLogin(challengeId: $challengeId, credential: $credential, enrolmentCode: $enrolmentCode) {\n      ...AuthSuccessParts\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation FinishStaffLogin($challengeId: ID!, $credential: String!, $enrolmentCode: String) {\n    finishStaffLogin(challengeId: $challengeId, credential: $credential, enrolmentCode: $enrolmentCode) {\n      ...AuthSuccessParts\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CounterTicket($ticket: String!) {\n    counterTicket(ticket: $ticket) {\n      ... on CounterTicketInfo {\n        __typename\n        subjectKind\n        name\n        maskedIdNumber\n        sex\n        enterpriseName\n        creditCode\n        expiresAt\n      }\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  query CounterTicket($ticket: String!) {\n    counterTicket(ticket: $ticket) {\n      ... on CounterTicketInfo {\n        __typename\n        subjectKind\n        name\n        maskedIdNumber\n        sex\n        enterpriseName\n        creditCode\n        expiresAt\n      }\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmCounterVerification($ticket: String!, $idCardChecked: Boolean!) {\n    confirmCounterVerification(ticket: $ticket, idCardChecked: $idCardChecked) {\n      ... on CounterVerified {\n        __typename\n        subjectKind\n        tier\n      }\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmCounterVerification($ticket: String!, $idCardChecked: Boolean!) {\n    confirmCounterVerification(ticket: $ticket, idCardChecked: $idCardChecked) {\n      ... on CounterVerified {\n        __typename\n        subjectKind\n        tier\n      }\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StaffMemberParts on StaffMember {\n    __typename\n    id\n    username\n    name\n    departmentCode\n    departmentName\n    roles\n    active\n    createdAt\n    passkeyCount\n    enrolmentExpiresAt\n  }\n"): (typeof documents)["\n  fragment StaffMemberParts on StaffMember {\n    __typename\n    id\n    username\n    name\n    departmentCode\n    departmentName\n    roles\n    active\n    createdAt\n    passkeyCount\n    enrolmentExpiresAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StaffMembers($departmentCode: String) {\n    staffMembers(departmentCode: $departmentCode) {\n      ...StaffMemberParts\n    }\n  }\n"): (typeof documents)["\n  query StaffMembers($departmentCode: String) {\n    staffMembers(departmentCode: $departmentCode) {\n      ...StaffMemberParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StaffEnrolmentCodeParts on StaffEnrolmentCode {\n    __typename\n    enrolmentCode\n    expiresAt\n    staff {\n      ...StaffMemberParts\n    }\n  }\n"): (typeof documents)["\n  fragment StaffEnrolmentCodeParts on StaffEnrolmentCode {\n    __typename\n    enrolmentCode\n    expiresAt\n    staff {\n      ...StaffMemberParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateStaffMember($input: CreateStaffMemberInput!) {\n    createStaffMember(input: $input) {\n      ...StaffEnrolmentCodeParts\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation CreateStaffMember($input: CreateStaffMemberInput!) {\n    createStaffMember(input: $input) {\n      ...StaffEnrolmentCodeParts\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IssueStaffEnrolmentCode($id: ID!) {\n    issueStaffEnrolmentCode(id: $id) {\n      ...StaffEnrolmentCodeParts\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation IssueStaffEnrolmentCode($id: ID!) {\n    issueStaffEnrolmentCode(id: $id) {\n      ...StaffEnrolmentCodeParts\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetStaffPasskeys($id: ID!) {\n    resetStaffPasskeys(id: $id) {\n      ...StaffEnrolmentCodeParts\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation ResetStaffPasskeys($id: ID!) {\n    resetStaffPasskeys(id: $id) {\n      ...StaffEnrolmentCodeParts\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeactivateStaffMember($id: ID!) {\n    deactivateStaffMember(id: $id) {\n      ...StaffMemberParts\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation DeactivateStaffMember($id: ID!) {\n    deactivateStaffMember(id: $id) {\n      ...StaffMemberParts\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PasskeyParts on Passkey {\n    __typename\n    id\n    nickname\n    createdAt\n    lastUsedAt\n    backedUp\n    deviceType\n  }\n"): (typeof documents)["\n  fragment PasskeyParts on Passkey {\n    __typename\n    id\n    nickname\n    createdAt\n    lastUsedAt\n    backedUp\n    deviceType\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyPasskeys {\n    myPasskeys {\n      ...PasskeyParts\n    }\n  }\n"): (typeof documents)["\n  query MyPasskeys {\n    myPasskeys {\n      ...PasskeyParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PasskeyOptionsParts on PasskeyOptions {\n    __typename\n    challengeId\n    options\n    expiresAt\n  }\n"): (typeof documents)["\n  fragment PasskeyOptionsParts on PasskeyOptions {\n    __typename\n    challengeId\n    options\n    expiresAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BeginPasskeyLogin {\n    beginPasskeyLogin {\n      ...PasskeyOptionsParts\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation BeginPasskeyLogin {\n    beginPasskeyLogin {\n      ...PasskeyOptionsParts\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FinishPasskeyLogin($challengeId: ID!, $credential: String!) {\n    finishPasskeyLogin(challengeId: $challengeId, credential: $credential) {\n      ...AuthSuccessParts\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation FinishPasskeyLogin($challengeId: ID!, $credential: String!) {\n    finishPasskeyLogin(challengeId: $challengeId, credential: $credential) {\n      ...AuthSuccessParts\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BeginPasskeyRegistration {\n    beginPasskeyRegistration {\n      ...PasskeyOptionsParts\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation BeginPasskeyRegistration {\n    beginPasskeyRegistration {\n      ...PasskeyOptionsParts\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FinishPasskeyRegistration($challengeId: ID!, $credential: String!, $nickname: String) {\n    finishPasskeyRegistration(challengeId: $challengeId, credential: $credential, nickname: $nickname) {\n      ...PasskeyParts\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation FinishPasskeyRegistration($challengeId: ID!, $credential: String!, $nickname: String) {\n    finishPasskeyRegistration(challengeId: $challengeId, credential: $credential, nickname: $nickname) {\n      ...PasskeyParts\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenamePasskey($id: ID!, $nickname: String!) {\n    renamePasskey(id: $id, nickname: $nickname) {\n      ...PasskeyParts\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation RenamePasskey($id: ID!, $nickname: String!) {\n    renamePasskey(id: $id, nickname: $nickname) {\n      ...PasskeyParts\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemovePasskey($id: ID!) {\n    removePasskey(id: $id) {\n      ...DoneParts\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation RemovePasskey($id: ID!) {\n    removePasskey(id: $id) {\n      ...DoneParts\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartFaceCheck($purpose: FaceCheckPurpose!, $action: String, $arguments: String) {\n    startFaceCheck(purpose: $purpose, action: $action, arguments: $arguments) {\n      ... on FaceCheckStarted {\n        __typename\n        faceCheckId\n        expiresAt\n        bindingDigest\n      }\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation StartFaceCheck($purpose: FaceCheckPurpose!, $action: String, $arguments: String) {\n    startFaceCheck(purpose: $purpose, action: $action, arguments: $arguments) {\n      ... on FaceCheckStarted {\n        __typename\n        faceCheckId\n        expiresAt\n        bindingDigest\n      }\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitFaceCapture($faceCheckId: ID!, $image: String!) {\n    submitFaceCapture(faceCheckId: $faceCheckId, image: $image) {\n      ... on FaceCheckPassed {\n        __typename\n        faceCheckId\n        purpose\n        tier\n        validUntil\n      }\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitFaceCapture($faceCheckId: ID!, $image: String!) {\n    submitFaceCapture(faceCheckId: $faceCheckId, image: $image) {\n      ... on FaceCheckPassed {\n        __typename\n        faceCheckId\n        purpose\n        tier\n        validUntil\n      }\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyWithThirdParty($method: ThirdPartyMethod!, $account: String!, $phone: String) {\n    verifyWithThirdParty(method: $method, account: $account, phone: $phone) {\n      ... on ThirdPartyVerified {\n        __typename\n        method\n        tier\n      }\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation VerifyWithThirdParty($method: ThirdPartyMethod!, $account: String!, $phone: String) {\n    verifyWithThirdParty(method: $method, account: $account, phone: $phone) {\n      ... on ThirdPartyVerified {\n        __typename\n        method\n        tier\n      }\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CounterTicketIssuedParts on CounterTicketIssued {\n    __typename\n    ticket\n    expiresAt\n  }\n"): (typeof documents)["\n  fragment CounterTicketIssuedParts on CounterTicketIssued {\n    __typename\n    ticket\n    expiresAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCounterTicket {\n    createCounterTicket {\n      ...CounterTicketIssuedParts\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCounterTicket {\n    createCounterTicket {\n      ...CounterTicketIssuedParts\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePhone($newPhone: String!, $smsCode: String!) {\n    changePhone(newPhone: $newPhone, smsCode: $smsCode) {\n      ... on PhoneChanged {\n        __typename\n        maskedPhone\n      }\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation ChangePhone($newPhone: String!, $smsCode: String!) {\n    changePhone(newPhone: $newPhone, smsCode: $smsCode) {\n      ... on PhoneChanged {\n        __typename\n        maskedPhone\n      }\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevealIdNumber($stepUpId: ID) {\n    revealIdNumber(stepUpId: $stepUpId) {\n      ... on IdNumberRevealed {\n        __typename\n        idNumber\n      }\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation RevealIdNumber($stepUpId: ID) {\n    revealIdNumber(stepUpId: $stepUpId) {\n      ... on IdNumberRevealed {\n        __typename\n        idNumber\n      }\n      ...UserErrorParts\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;