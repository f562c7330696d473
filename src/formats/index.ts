import { nativeProfile } from './native.js'
import { ecsProfile } from './ecs.js'
import { otelProfile } from './otel.js'
import type { OutputProfile } from './profile.js'

export const PROFILES: Readonly<Record<OutputProfile['name'], OutputProfile>> = { native: nativeProfile, ecs: ecsProfile, otel: otelProfile }
export type FormatName = OutputProfile['name']
export type { OutputProfile, OutputEvent } from './profile.js'
