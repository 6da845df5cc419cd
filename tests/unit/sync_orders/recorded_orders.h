#pragma once

// eCom order bodies in the shape Wix documents them (Order object [SDK:ord], Wix Stores
// catalog references [R42][R43]), trimmed to what stock uses plus a few fields around them
// so a parser that looks in the wrong place fails.

namespace shelfnode::sync::recorded {

// Catalog V1, a product with managed variants: options carry variantId, the choices and
// a custom text field (the dashboard's "Get Order" example has this shape).
inline constexpr const char* kV1ManagedVariant = R"({
  "id": "67668940-527d-4465-94c6-5475d8c7a412",
  "number": "10124",
  "createdDate": "2026-11-20T13:42:13.136Z",
  "updatedDate": "2026-11-20T14:58:11.663Z",
  "status": "APPROVED",
  "paymentStatus": "PAID",
  "fulfillmentStatus": "NOT_FULFILLED",
  "archived": false,
  "lineItems": [{
    "id": "00000000-0000-0000-0000-000000000001",
    "productName": {"original": "Brazilian Arabica", "translated": "Brazilian Arabica"},
    "catalogReference": {
      "catalogItemId": "0614129c-8777-9f3b-4dfe-b80a54df10d5",
      "appId": "215238eb-22a5-4c36-9e7b-e7c08025e04e",
      "options": {
        "options": {"Weight": "500g", "Ground for": "Stovetop"},
        "variantId": "00000000-0000-003f-0005-a316f7c67df7",
        "customTextFields": {"Label text": "Enjoy our finest coffee."}
      }
    },
    "quantity": 2,
    "physicalProperties": {"weight": 0.5, "sku": "COFFEE-BR-500", "shippable": true},
    "refundQuantity": 0,
    "restockQuantity": 0,
    "price": {"amount": "14.00", "formattedAmount": "$14.00"}
  }],
  "shippingInfo": {
    "title": "Standard",
    "logistics": {
      "deliveryTime": "3-5 business days",
      "shippingDestination": {"address": {"country": "US", "city": "Boston"}}
    },
    "cost": {"price": {"amount": "5", "formattedAmount": "$5.00"}}
  }
})";

// Catalog V1, products without managed variants: `options` is empty, or holds only the
// chosen options (no variantId) [R42].
inline constexpr const char* kV1WithoutVariants = R"({
  "id": "7a1b0c55-3e0d-4f7a-9b1e-2c6f3d8e9a01",
  "number": "10125",
  "createdDate": "2026-11-21T09:00:00.000Z",
  "updatedDate": "2026-11-21T09:00:00.000Z",
  "status": "APPROVED",
  "lineItems": [
    {"id": "11111111-1111-4111-8111-111111111111",
     "catalogReference": {"catalogItemId": "0ff4e579-ebac-4ebb-b18b-92c474f92676",
                          "appId": "215238eb-22a5-4c36-9e7b-e7c08025e04e", "options": {}},
     "quantity": 1, "physicalProperties": {"sku": "OAK-SHELF-60", "shippable": true}},
    {"id": "22222222-2222-4222-8222-222222222222",
     "catalogReference": {"catalogItemId": "ae30c579-77a3-421d-a0df-826d5246a3b6",
                          "appId": "215238eb-22a5-4c36-9e7b-e7c08025e04e",
                          "options": {"options": {"Glaze": "Blue"}}},
     "quantity": 3, "physicalProperties": {"sku": "MUG-HT"}}
  ]
})";

// Catalog V3: every line names its variant [R43]; restockQuantity after a cancellation.
inline constexpr const char* kV3Canceled = R"({
  "id": "b1f2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c99",
  "number": 20017,
  "createdDate": "2026-11-22T10:00:00.000Z",
  "updatedDate": "2026-11-22T11:30:00.000Z",
  "status": "CANCELED",
  "lineItems": [{
    "id": "33333333-3333-4333-8333-333333333333",
    "catalogReference": {"catalogItemId": "1e0e5e5b-67d2-4364-848c-613060ae7f04",
                         "appId": "215238eb-22a5-4c36-9e7b-e7c08025e04e",
                         "options": {"variantId": "d735b0af-06b5-4a6f-b0af-ddfc763560d2"}},
    "quantity": 4, "restockQuantity": 3, "refundQuantity": 4,
    "physicalProperties": {"sku": "JACKET-M"}
  }]
})";

// A line from another app (Wix Bookings), and a custom line item with no catalog reference
// or SKU at all, beside a Stores line whose SKU is unknown to Wix (no physicalProperties).
inline constexpr const char* kMixedApps = R"({
  "id": "c9d8e7f6-a5b4-4c3d-8e2f-1a0b9c8d7e6f",
  "createdDate": "2026-11-23T08:00:00.000Z",
  "updatedDate": "2026-11-23T08:00:00.000Z",
  "status": "APPROVED",
  "lineItems": [
    {"id": "44444444-4444-4444-8444-444444444444",
     "catalogReference": {"catalogItemId": "5f2c1a7e-0000-4000-8000-000000000001",
                          "appId": "13d21c63-b5ec-5912-8397-c3a5ddb27a97"},
     "quantity": 1, "physicalProperties": {"sku": "BOOKING-1"}},
    {"id": "55555555-5555-4555-8555-555555555555",
     "productName": {"original": "Gift wrapping"}, "quantity": 1,
     "itemType": {"custom": "gift wrap"}},
    {"id": "66666666-6666-4666-8666-666666666666",
     "catalogReference": {"catalogItemId": "59cc8395-9b86-409e-bf37-3ec3ff4fe100",
                          "appId": "215238eb-22a5-4c36-9e7b-e7c08025e04e",
                          "options": {"variantId": "00000000-0000-0002-0009-7d3e91c40a22"}},
     "quantity": "2"}
  ]
})";

// Collected in the shop: shippingInfo.logistics.pickupDetails [SDK:ord].
inline constexpr const char* kStorePickup = R"({
  "id": "d0e1f2a3-b4c5-4d6e-8f70-8192a3b4c5d6",
  "createdDate": "2026-11-23T12:00:00.000Z",
  "updatedDate": "2026-11-23T12:05:00.000Z",
  "status": "APPROVED",
  "lineItems": [{
    "id": "77777777-7777-4777-8777-777777777777",
    "catalogReference": {"catalogItemId": "0ff4e579-ebac-4ebb-b18b-92c474f92676",
                         "appId": "215238eb-22a5-4c36-9e7b-e7c08025e04e", "options": {}},
    "quantity": 1, "physicalProperties": {"sku": "OAK-SHELF-60"}
  }],
  "shippingInfo": {
    "carrierId": "c8a08776-c095-4dec-8553-8f9698d86adc",
    "title": "Pickup",
    "logistics": {
      "instructions": "Ring the bell at the back door",
      "pickupDetails": {
        "address": {"country": "US", "city": "Boston", "addressLine1": "1 Main St"},
        "pickupMethod": "STORE_PICKUP"
      }
    },
    "cost": {"price": {"amount": "0", "formattedAmount": "$0.00"}}
  }
})";

// Shipped to a carrier's pickup point (a locker): for stock, an ordinary shipment.
inline constexpr const char* kPickupPoint = R"({
  "id": "e1f2a3b4-c5d6-4e7f-8091-a2b3c4d5e6f7",
  "createdDate": "2026-11-23T13:00:00.000Z",
  "updatedDate": "2026-11-23T13:00:00.000Z",
  "status": "APPROVED",
  "lineItems": [{
    "id": "88888888-8888-4888-8888-888888888888",
    "catalogReference": {"catalogItemId": "0ff4e579-ebac-4ebb-b18b-92c474f92676",
                         "appId": "215238eb-22a5-4c36-9e7b-e7c08025e04e", "options": {}},
    "quantity": 1, "physicalProperties": {"sku": "OAK-SHELF-60"}
  }],
  "shippingInfo": {"logistics": {"pickupDetails": {"pickupMethod": "PICKUP_POINT"}}}
})";

}  // namespace shelfnode::sync::recorded
