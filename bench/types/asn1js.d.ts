// For the JavaScript check only (tsconfig.json maps 'asn1js' here), as
// pkijs.d.ts beside it.
export function fromBER(data: ArrayBuffer): { offset: number; result: any };
