/**
 * Statistical confidentiality (Geheimhaltung): primary and secondary cell suppression and the
 * auditor that checks any output table for exactly recomputable suppressed cells.
 */
export { audit, type Disclosure } from './audit.ts';
export {
  DEFAULT_RULE,
  hiddenPartsOfSum,
  isPrimary,
  suppress,
  suppressSum,
  type CellStatus,
  type SuppressionResult,
  type SuppressionRule,
} from './suppress.ts';
export {
  categoryConstraints,
  crossTable,
  hierarchyConstraints,
  type Cell,
  type ConfidentialTable,
  type Constraint,
} from './table.ts';
