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
    "\n  mutation Logout {\n    logout {\n      ... on Done {\n        __typename\n        ok\n      }\n      ...UserErrorParts\n    }\n  }\n": typeof types.LogoutDocument,
    "\n  mutation RevokeSession($sessionId: ID!) {\n    revokeSession(sessionId: $sessionId) {\n      ... on Done {\n        __typename\n        ok\n      }\n      ...UserErrorParts\n    }\n  }\n": typeof types.RevokeSessionDocument,
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
    "\n  mutation Logout {\n    logout {\n      ... on Done {\n        __typename\n        ok\n      }\n      ...UserErrorParts\n    }\n  }\n": types.LogoutDocument,
    "\n  mutation RevokeSession($sessionId: ID!) {\n    revokeSession(sessionId: $sessionId) {\n      ... on Done {\n        __typename\n        ok\n      }\n      ...UserErrorParts\n    }\n  }\n": types.RevokeSessionDocument,
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
export function graphql(source: "\n  mutation Logout {\n    logout {\n      ... on Done {\n        __typename\n        ok\n      }\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout {\n      ... on Done {\n        __typename\n        ok\n      }\n      ...UserErrorParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeSession($sessionId: ID!) {\n    revokeSession(sessionId: $sessionId) {\n      ... on Done {\n        __typename\n        ok\n      }\n      ...UserErrorParts\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeSession($sessionId: ID!) {\n    revokeSession(sessionId: $sessionId) {\n      ... on Done {\n        __typename\n        ok\n      }\n      ...UserErrorParts\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;