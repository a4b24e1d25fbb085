import type { Lesson } from './types';

export const cancelingAWiaTransfer: Lesson = {
  id: 'canceling-a-wia-transfer',
  title: 'Canceling a WIA data transfer',
  source: [
    'image/canceling-a-data-transfer.md',
    'image/transferring-data-to-a-wia-application.md',
    'image/cancellation-of-data-transfers-in-windows-xp.md',
    'image/cancellation-of-data-transfers-in-windows-vista.md',
    'image/canceling-pending-i-o-operations.md',
    'image/canceling-a-data-transfer-by-a-device.md',
    'ddi/wiamindr_lh/nf-wiamindr_lh-iwiaminidrvcallback-minidrvcallback.md',
  ],
  primer: ['wia-split', 'tymed', 'it-msg'],
  intro: [
    'A word on versions first. The cancel page describes the memory and file transfers of Windows Me and Windows XP (IWiaDataTransfer), and Microsoft marks it as applying to obsolete versions of Windows. From Windows Vista on, applications can use stream transfers (IWiaTransfer) and cancel them with IWiaTransfer::Cancel, which reaches the driver as drvNotifyPnpEvent with WIA_EVENT_CANCEL_IO. The lab runs the older transfers, where the rules are easiest to see.',
    'During a memory transfer the minidriver runs a loop inside drvAcquireItemData: read a band of the image from the scanner, hand it to the service with MiniDrvCallback, repeat. The application gets each band in its IWiaDataCallback::BandedDataCallback, and its answer comes back to the driver as MiniDrvCallback\'s result.',
    'Either side can cancel at any time. When MiniDrvCallback returns S_FALSE, the application has cancelled: the driver must stop all acquisition and return to idle, ready for the next transfer. A driver signals a cancel by returning S_FALSE from drvAcquireItemData, and it does so too when the scanner\'s own cancel button aborts the transfer (under the USB still-image standard a device cancels by sending less data than expected).',
    'If the application answers with an error code instead, that error is the application\'s: the driver stops, returns to idle, and hands the very same code back from drvAcquireItemData. Every code MiniDrvCallback returns goes back that way.',
    'An application can also cancel asynchronously with IWiaItemExtras::CancelPendingIO, which calls the driver\'s drvNotifyPnpEvent with WIA_EVENT_CANCEL_IO: the driver cancels its current I/O (CancelIo on its overlapped reads) and returns to idle. In Windows XP this path was not linked to the callback\'s S_FALSE, and the page does not recommend it.',
    'The lab\'s choices: the scanner\'s commands and status (START_SCAN, CANCEL_SCAN, CANCEL_BUTTON) are invented names; the driver stops the scanner with a CANCEL_SCAN write before it returns; the application\'s S_FALSE or error arrives at its next callback; and it is the service that sends IT_MSG_TERMINATION, which a cancelled transfer never gets.',
  ],
  scenario: {
    title: 'A flatbed scanner, plugged in, with Paint connected',
    seed: 1,
    devices: [{ id: 'scanner', model: 'usb-scanner' }],
    steps: [
      { action: 'plug', device: 'scanner' },
      { action: 'connectApp', device: 'scanner', app: 'paint' },
    ],
  },
  tasks: [
    {
      id: 'application-cancels',
      prompt: 'Start a scan and let the application cancel it part-way through, by answering S_FALSE from its callback.',
      hints: [
        'Add a scan step, then an appCancel step with "after" (for example 300 virtual ms after the scan starts) so it lands in the middle.',
        'A page takes about a second of virtual time.',
      ],
      solution: {
        steps: [
          { action: 'scan', device: 'scanner' },
          { action: 'appCancel', device: 'scanner', after: 300 },
        ],
      },
      alternatives: [{ steps: [{ action: 'scan', device: 'scanner', tymed: 'file' }, { action: 'appCancel', device: 'scanner', after: 600 }] }],
      goal: {
        kind: 'all',
        goals: [
          { kind: 'event', match: { kind: 'wia', name: 'IWiaDataCallback::BandedDataCallback', component: 'application', result: 'S_FALSE' } },
          { kind: 'event', match: { kind: 'wia', name: 'drvAcquireItemData', result: 'S_FALSE' } },
          { kind: 'absent', match: { kind: 'wia', args: { lMessage: 'IT_MSG_TERMINATION' } } },
        ],
      },
      goalText: 'The application answers S_FALSE from BandedDataCallback, drvAcquireItemData returns S_FALSE, and the transfer never gets IT_MSG_TERMINATION.',
    },
    {
      id: 'cancel-button',
      prompt: 'Start a scan and press the scanner\'s own cancel button part-way through.',
      hints: [
        'Add a scan step, then a hardwareCancel step with "after".',
        'Look at what the next read from the scanner returns.',
      ],
      solution: {
        steps: [
          { action: 'scan', device: 'scanner' },
          { action: 'hardwareCancel', device: 'scanner', after: 300 },
        ],
      },
      goal: {
        kind: 'all',
        goals: [
          { kind: 'event', match: { kind: 'hw', name: 'GetOverlappedResult', args: { DeviceStatus: 'CANCEL_BUTTON' } } },
          { kind: 'event', match: { kind: 'wia', name: 'drvAcquireItemData', result: 'S_FALSE' } },
        ],
      },
      goalText: 'A read returns no data with DeviceStatus CANCEL_BUTTON (the lab\'s name for the button), and drvAcquireItemData returns S_FALSE.',
    },
    {
      id: 'application-error',
      prompt: 'Start a scan and make the application fail it with E_OUTOFMEMORY part-way through. The driver must hand that very error back.',
      hints: [
        'Add a scan step, then an appError step with hr "E_OUTOFMEMORY" and "after".',
        'Compare the result of MiniDrvCallback with the result of drvAcquireItemData.',
      ],
      solution: {
        steps: [
          { action: 'scan', device: 'scanner' },
          { action: 'appError', device: 'scanner', hr: 'E_OUTOFMEMORY', after: 300 },
        ],
      },
      goal: {
        kind: 'all',
        goals: [
          { kind: 'event', match: { kind: 'wia', name: 'MiniDrvCallback', result: 'E_OUTOFMEMORY' } },
          { kind: 'event', match: { kind: 'hw', args: { Command: 'CANCEL_SCAN' } } },
          { kind: 'event', match: { kind: 'wia', name: 'drvAcquireItemData', result: 'E_OUTOFMEMORY' } },
          { kind: 'event', match: { kind: 'wia', name: 'IWiaDataTransfer::idtGetBandedData', result: 'E_OUTOFMEMORY' } },
        ],
      },
      goalText: 'MiniDrvCallback returns E_OUTOFMEMORY, the driver stops the scanner (the lab\'s CANCEL_SCAN command), and drvAcquireItemData and the application\'s idtGetBandedData both return E_OUTOFMEMORY.',
    },
    {
      id: 'cancel-pending-io',
      prompt: 'Start a scan, cancel it part-way through with IWiaItemExtras::CancelPendingIO, then scan again: the second scan must complete, because the driver went back to idle.',
      hints: [
        'Add a scan step, then an asyncCancel step with "after" (for example 300), then another scan without "after".',
        'Follow drvNotifyPnpEvent(WIA_EVENT_CANCEL_IO) to the read that was pending.',
      ],
      solution: {
        steps: [
          { action: 'scan', device: 'scanner' },
          { action: 'asyncCancel', device: 'scanner', after: 300 },
          { action: 'scan', device: 'scanner' },
        ],
      },
      alternatives: [
        { steps: [{ action: 'scan', device: 'scanner' }, { action: 'asyncCancel', device: 'scanner', after: 650 }, { action: 'scan', device: 'scanner' }] },
      ],
      goal: {
        kind: 'all',
        goals: [
          {
            kind: 'sequence',
            matches: [
              { kind: 'wia', name: 'IWiaItemExtras::CancelPendingIO' },
              { kind: 'wia', name: 'drvNotifyPnpEvent', component: 'minidriver', args: { pEventGUID: 'WIA_EVENT_CANCEL_IO' } },
              { kind: 'hw', name: 'CancelIo' },
              { kind: 'hw', name: 'GetOverlappedResult', result: 'ERROR_OPERATION_ABORTED' },
              { kind: 'wia', name: 'drvAcquireItemData', result: 'S_OK' },
              { kind: 'wia', name: 'IWiaDataCallback::BandedDataCallback', args: { lMessage: 'IT_MSG_TERMINATION' } },
            ],
          },
          { kind: 'event', match: { kind: 'wia', name: 'drvAcquireItemData', result: 'S_FALSE' } },
        ],
      },
      goalText: 'CancelPendingIO reaches the driver as drvNotifyPnpEvent(WIA_EVENT_CANCEL_IO), the driver calls CancelIo and the pending read ends ERROR_OPERATION_ABORTED; that transfer ends S_FALSE, and the next one succeeds (S_OK) and ends with IT_MSG_TERMINATION.',
    },
  ],
  questions: [
    {
      id: 'after-application-cancels',
      onTask: 'application-cancels',
      after: { kind: 'wia', name: 'IWiaDataCallback::BandedDataCallback', result: 'S_FALSE' },
      next: { kind: 'wia', name: ['MiniDrvCallback', 'drvUnLockWiaDevice'] },
      field: 'name',
      prompt: 'Paint has answered S_FALSE from its data callback. Which of these comes next: another band for the service (MiniDrvCallback), or the end of the transfer (drvUnLockWiaDevice)?',
      choices: ['MiniDrvCallback', 'drvUnLockWiaDevice'],
      answer: 'drvUnLockWiaDevice',
      explanation: 'S_FALSE from MiniDrvCallback means the application cancelled: the driver must stop all acquisition, return to idle and return S_FALSE from drvAcquireItemData. No band follows; the service then unlocks the device as after any transfer.',
      page: 'image/canceling-a-data-transfer.md',
    },
    {
      id: 'error-is-passed-back',
      onTask: 'application-error',
      after: { kind: 'wia', name: 'drvWriteItemProperties' },
      next: { kind: 'wia', name: 'drvAcquireItemData' },
      field: 'result',
      prompt: 'Part-way through this transfer Paint will fail one of its data callbacks with an error code of its own (the appError step says which). What will drvAcquireItemData, about to start, return in the end?',
      choices: ['S_OK', 'S_FALSE', 'WIA_ERROR_GENERAL_ERROR', 'E_OUTOFMEMORY'],
      answer: 'E_OUTOFMEMORY',
      explanation: 'All return codes received from MiniDrvCallback should be returned from drvAcquireItemData. When the application returns an error, the driver stops the transfer, goes idle and returns that same error: not S_FALSE, which means a cancel, and not an error of its own.',
      page: 'image/canceling-a-data-transfer.md',
    },
    {
      id: 'cancel-io-next',
      onTask: 'cancel-pending-io',
      after: { kind: 'wia', name: 'drvNotifyPnpEvent', args: { pEventGUID: 'WIA_EVENT_CANCEL_IO' } },
      next: { kind: 'hw' },
      field: 'name',
      prompt: 'The driver has received WIA_EVENT_CANCEL_IO while a read from the scanner is pending. What does it do to the hardware next?',
      choices: ['ReadFile', 'CancelIo', 'CreateFile'],
      answer: 'CancelIo',
      explanation: 'WIA_EVENT_CANCEL_IO asks the driver to cancel all current I/O and return to idle. Because it opened the device for overlapped I/O, it can stop the pending read at once with CancelIo; it starts no new read.',
      page: 'image/canceling-pending-i-o-operations.md',
    },
  ],
};
