/**
 * The typed inventory model, derived from the section table in `sections.ts`.
 *
 * Values are strings exactly as the agent sent them (OCS is text on the wire; units and formats
 * are documented in the reference). A field or section we do not document is kept too, under
 * its own name, so nothing an agent sends is lost.
 *
 * @module
 */

import type { KnownSectionName, SECTIONS } from "./sections.ts";

/** A value read the XML::Simple way: text, an element with fields, or repeated elements. */
export type SimpleValue = string | SimpleObject | SimpleValue[];

/** An element read the XML::Simple way: attributes and child elements as one set of keys. */
export interface SimpleObject {
  [key: string]: SimpleValue;
}

/** What the XML writer accepts: a SimpleValue in which fields may also be undefined (absent). */
export type WritableValue =
  | string
  | undefined
  | { [key: string]: WritableValue }
  | WritableValue[];

type FieldsOf<Name extends KnownSectionName> = (typeof SECTIONS)[Name]["fields"][number];

/** Sections whose documented fields hold nested elements (DOWNLOAD/HISTORY/PACKAGE@ID…). */
type NestedSections = "DOWNLOAD" | "IPDISCOVER" | "OPERATINGSYSTEM";

/** One entry of a section: its documented fields, plus any others the agent sent. */
export type SectionEntry<Name extends KnownSectionName> =
  & { [Field in FieldsOf<Name>]?: Name extends NestedSections ? SimpleValue : string }
  & { [extra: string]: SimpleValue | undefined };

type SectionValue<Name extends KnownSectionName> = (typeof SECTIONS)[Name]["multi"] extends true
  ? SectionEntry<Name>[]
  : (typeof SECTIONS)[Name]["fields"]["length"] extends 0 ? string
  : SectionEntry<Name>;

/**
 * The CONTENT of an inventory: documented sections typed, others kept as arrays of values.
 * Multi sections are always arrays; single sections are one entry; scalar ones (VERSIONCLIENT,
 * OLD_DEVICEID) are text.
 */
export type InventoryContent =
  & { [Name in KnownSectionName]?: SectionValue<Name> }
  & { [extra: string]: SimpleValue | undefined };

/** Shorthands for the entries used most. */
export type HardwareSection = SectionEntry<"HARDWARE">;
export type BiosSection = SectionEntry<"BIOS">;
export type NetworkEntry = SectionEntry<"NETWORKS">;
export type SoftwareEntry = SectionEntry<"SOFTWARES">;
export type AccountInfoEntry = SectionEntry<"ACCOUNTINFO">;
