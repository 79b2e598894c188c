#!/usr/bin/env node
// Entry point of `npx planwerk …`: runs the TypeScript sources through tsx (see docs/adr/0002).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
