// The Data Communication Module itself (sender and receiver), built on offchain/dcmb's
// formats; kept apart from offchain/dcmb/index.ts, which it imports.
export { DcmbSender, type DcmbLogger, type DcmbSenderParameters } from "./dcmb-sender.js";
export { DcmbReceiver, type DcmbNotification, type DcmbReceiverParameters, type ExpectedValue } from "./dcmb-receiver.js";
export { registerConditions } from "./register-conditions.js";
export { DCMB_DELIVERY_PROTOCOL, decodeDeliveryAck, encodeDeliveryAck, recoverDeliveryAck, signDeliveryAck, type DeliveryAck } from "./delivery-ack.js";
export { openDcmbModule, type OpenDcmbModuleParameters } from "./open-dcmb-module.js";
export { DcmbConfigError, readDcmbConfig, type DcmbReceiverConfig, type DcmbSenderConfig, type DcmbSourceConfig } from "./read-dcmb-config.js";
