// The emulator's shipped fixtures (tools/wix-emulator/fixtures), as the tests use them.
export const V1 = {
  catalog: 'V1_CATALOG', siteId: 'f9fbab61-c968-41d2-a177-78dc40ab8c1c', apiKey: 'IST.v1-full-access-3f9a',
  shelf: { sku: 'OAK-SHELF-60', productId: '0ff4e579-ebac-4ebb-b18b-92c474f92676',
           variantId: '00000000-0000-0000-0000-000000000000', quantity: 12 },
  apron: { sku: 'APRON-M', productId: 'c3700f4d-d2c0-4492-8637-531225ede1a9',
           variantId: '00000000-0000-0002-0005-ad9cdc10d3b8' },
};
export const V3 = {
  catalog: 'V3_CATALOG', siteId: 'fa8ea09c-d1a2-4dc9-956d-09e2ed90feb7', apiKey: 'IST.v3-full-access-91d2',
  mainLocation: 'd60551ad-bea6-4ed2-b693-1212dca8519f',
  rope: { sku: 'ROPE-10M', variantId: '9fc74270-b13c-4a24-a2ed-38aa4f7ee681' },
  jacket: { sku: 'JACKET-S', itemId: 'e0d9870c-9f91-4a30-a1c0-8c86da7aa0c8', revision: '1' },
};
