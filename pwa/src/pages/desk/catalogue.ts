/**
 * The catalogue editor's form model: an item version as the inputs hold it (text), to
 * and from the API's `ServiceItemInput`. Materials and form fields are edited as JSON in
 * the spec shape `casework/forms.py` reads (camelCase keys, lower-case field types); the
 * API checks them and names the place of any problem (e.g. `form[2]`).
 */
import type { ApplicantKind, DeliveryOption, DeskItemPartsFragment, ServiceItemInput } from '@/api/generated/graphql'

export const TIERS = ['basic', 'intermediate', 'advanced'] as const
export const APPLICANT_KINDS: readonly ApplicantKind[] = ['PERSON', 'ENTERPRISE']
export const DELIVERY_OPTIONS: readonly DeliveryOption[] = ['HALL', 'COURIER']

export interface ItemModel {
  code: string
  /** New items only: the department the item belongs to. */
  departmentCode: string
  name: string
  nameEn: string
  category: string
  applicantKinds: ApplicantKind[]
  conditions: string
  conditionsEn: string
  fee: string
  statutoryDays: string
  promisedDays: string
  personTier: string
  enterpriseTier: string
  deliveryOptions: DeliveryOption[]
  fullyOnline: boolean
  materials: string
  form: string
}

export type ItemField = keyof ItemModel
export type ItemProblem = 'required' | 'number' | 'fee' | 'promised' | 'chooseOne' | 'json'

export function emptyItem(departmentCode = ''): ItemModel {
  return {
    // The code starts with the department's region code (350100-GA → 350100-…).
    code: /^\d{6}-/.test(departmentCode) ? departmentCode.slice(0, 7) : '',
    departmentCode,
    name: '',
    nameEn: '',
    category: '',
    applicantKinds: ['PERSON'],
    conditions: '',
    conditionsEn: '',
    fee: '',
    statutoryDays: '20',
    promisedDays: '10',
    personTier: 'basic',
    enterpriseTier: 'basic',
    deliveryOptions: ['HALL'],
    fullyOnline: false,
    materials: '[]',
    form: '[]',
  }
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2)
}

/** The fee in fen as yuan text: 1250 → "12.50", none → "". */
export function feeText(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return ''
  return (fen / 100).toFixed(2).replace(/\.00$/, '')
}

/** A version (as the API answers it) in the editor's shape. */
export function itemModel(item: DeskItemPartsFragment): ItemModel {
  return {
    code: item.code,
    departmentCode: item.department.code,
    name: item.name,
    nameEn: item.nameEn,
    category: item.category,
    applicantKinds: [...item.applicantKinds],
    conditions: item.conditions,
    conditionsEn: item.conditionsEn,
    fee: feeText(item.feeFen),
    statutoryDays: String(item.statutoryDays),
    promisedDays: String(item.promisedDays),
    personTier: item.personTier.toLowerCase(),
    enterpriseTier: item.enterpriseTier.toLowerCase(),
    deliveryOptions: [...item.deliveryOptions],
    fullyOnline: item.fullyOnline,
    materials: json(
      item.materials.map((m) => ({
        key: m.key,
        name: m.name,
        nameEn: m.nameEn,
        required: m.required,
        acceptedTypes: m.acceptedTypes,
        maxFiles: m.maxFiles,
        maxBytes: m.maxBytes,
        licenseTypes: m.licenseTypes,
        note: m.note ?? '',
        noteEn: m.noteEn ?? '',
      })),
    ),
    form: json(
      item.form.map((f) => ({
        key: f.key,
        label: f.label,
        labelEn: f.labelEn,
        type: f.type.toLowerCase(),
        required: f.required,
        minLength: f.minLength ?? null,
        maxLength: f.maxLength ?? null,
        pattern: f.pattern ?? null,
        min: f.min ?? null,
        max: f.max ?? null,
        options: f.options.map((o) => ({ value: o.value, label: o.label, labelEn: o.labelEn })),
        help: f.help ?? '',
        helpEn: f.helpEn ?? '',
      })),
    ),
  }
}

function jsonArray(text: string): unknown[] | null {
  try {
    const value: unknown = JSON.parse(text)
    return Array.isArray(value) ? value : null
  } catch {
    return null
  }
}

const WHOLE = /^\d{1,4}$/
const MONEY = /^\d{1,7}(\.\d{1,2})?$/

export type CheckedItem =
  | { ok: true; input: ServiceItemInput }
  | { ok: false; problems: Partial<Record<ItemField, ItemProblem>> }

/** Local checks, then the input to send (`withCode`: a new item, whose code and department are part of it). */
export function checkItem(model: ItemModel, withCode: boolean): CheckedItem {
  const problems: Partial<Record<ItemField, ItemProblem>> = {}
  const required: ItemField[] = ['name', 'nameEn', 'category', 'conditions', 'conditionsEn']
  if (withCode) required.unshift('code', 'departmentCode')
  for (const field of required) if (!String(model[field]).trim()) problems[field] = 'required'
  if (model.applicantKinds.length === 0) problems.applicantKinds = 'chooseOne'
  if (model.deliveryOptions.length === 0) problems.deliveryOptions = 'chooseOne'
  const fee = model.fee.trim()
  if (fee && !MONEY.test(fee)) problems.fee = 'fee'
  for (const field of ['statutoryDays', 'promisedDays'] as const) {
    if (!WHOLE.test(model[field].trim())) problems[field] = 'number'
  }
  if (!problems.statutoryDays && !problems.promisedDays && Number(model.promisedDays) > Number(model.statutoryDays)) {
    problems.promisedDays = 'promised'
  }
  const materials = jsonArray(model.materials)
  if (materials === null) problems.materials = 'json'
  const form = jsonArray(model.form)
  if (form === null) problems.form = 'json'
  if (Object.keys(problems).length > 0 || materials === null || form === null) return { ok: false, problems }
  const input: ServiceItemInput = {
    name: model.name.trim(),
    nameEn: model.nameEn.trim(),
    category: model.category.trim(),
    applicantKinds: [...model.applicantKinds],
    conditions: model.conditions.trim(),
    conditionsEn: model.conditionsEn.trim(),
    materials,
    form,
    feeFen: fee ? Math.round(Number(fee) * 100) : null,
    statutoryDays: Number(model.statutoryDays),
    promisedDays: Number(model.promisedDays),
    personTier: model.personTier,
    enterpriseTier: model.enterpriseTier,
    deliveryOptions: [...model.deliveryOptions],
    fullyOnline: model.fullyOnline,
  }
  if (withCode) {
    input.code = model.code.trim()
    input.departmentCode = model.departmentCode.trim()
  }
  return { ok: true, input }
}

/** Which editor field an API field path belongs to: `form[2].key` → form, `feeFen` → fee. */
export function fieldOfPath(path: string): ItemField | null {
  const head = /^[A-Za-z_]+/.exec(path)?.[0] ?? ''
  const aliases: Record<string, ItemField> = { feeFen: 'fee', fee_fen: 'fee', name_en: 'nameEn', conditions_en: 'conditionsEn' }
  const known: readonly string[] = Object.keys(emptyItem())
  if (aliases[head]) return aliases[head]
  return known.includes(head) ? (head as ItemField) : null
}
