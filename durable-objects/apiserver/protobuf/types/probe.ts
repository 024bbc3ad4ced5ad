// core/v1 probes and lifecycle hooks (k8s.io/api/core/v1/generated.proto).
import { i32, i64, inline, intOrString, KEEP, list, message, msg, str } from '../descriptor.ts';

export const ExecAction = message('ExecAction', [list(1, 'command', 'string')]);

export const HTTPHeader = message('HTTPHeader', [str(1, 'name', KEEP), str(2, 'value', KEEP)]);

export const HTTPGetAction = message('HTTPGetAction', [
  str(1, 'path'),
  intOrString(2, 'port'),
  str(3, 'host'),
  str(4, 'scheme'),
  list(5, 'httpHeaders', HTTPHeader),
]);

export const TCPSocketAction = message('TCPSocketAction', [intOrString(1, 'port'), str(2, 'host')]);

export const GRPCAction = message('GRPCAction', [i32(1, 'port', KEEP), str(2, 'service', KEEP)]);

export const SleepAction = message('SleepAction', [i64(1, 'seconds', KEEP)]);

export const ProbeHandler = message('ProbeHandler', [
  msg(1, 'exec', ExecAction),
  msg(2, 'httpGet', HTTPGetAction),
  msg(3, 'tcpSocket', TCPSocketAction),
  msg(4, 'grpc', GRPCAction),
]);

export const Probe = message('Probe', [
  inline(1, ProbeHandler),
  i32(2, 'initialDelaySeconds'),
  i32(3, 'timeoutSeconds'),
  i32(4, 'periodSeconds'),
  i32(5, 'successThreshold'),
  i32(6, 'failureThreshold'),
  i64(7, 'terminationGracePeriodSeconds', KEEP),
]);

export const LifecycleHandler = message('LifecycleHandler', [
  msg(1, 'exec', ExecAction),
  msg(2, 'httpGet', HTTPGetAction),
  msg(3, 'tcpSocket', TCPSocketAction),
  msg(4, 'sleep', SleepAction),
]);

export const Lifecycle = message('Lifecycle', [
  msg(1, 'postStart', LifecycleHandler),
  msg(2, 'preStop', LifecycleHandler),
  str(3, 'stopSignal', KEEP),
]);
