import type { Lesson } from './types';

export const cancelingAWiaTransfer: Lesson = {
  id: 'canceling-a-wia-transfer',
  title: 'Canceling a WIA data transfer',
  source: ['image/canceling-a-data-transfer.md'],
  intro: [
    'During a scan the WIA minidriver runs a loop inside drvAcquireItemData: read a band of the image from the scanner, hand it to the WIA service with MiniDrvCallback, repeat. For a memory transfer the service passes each band on to the application\'s IWiaDataCallback::BandedDataCallback, and the application\'s answer travels back as the result of MiniDrvCallback.',
    'Either side can stop the transfer at any time. If the application answers S_FALSE, it means "cancel": not an error, just "stop". The driver must stop all acquisition, put the scanner back to idle, and return S_FALSE from drvAcquireItemData. The same goes for a scanner with its own cancel button: when the device reports it, the driver stops and returns S_FALSE.',
    'If the application answers with an error code instead, the driver also stops and goes idle, but it returns exactly that error code, so the application learns why its transfer ended.',
    'In every case the scanner must be left ready: the next scan starts from idle and works normally.',
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
      goalText: 'A read returns no data with DeviceStatus CANCEL_BUTTON, and drvAcquireItemData returns S_FALSE.',
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
      goalText: 'MiniDrvCallback returns E_OUTOFMEMORY, the driver stops the scanner (CANCEL_SCAN), and drvAcquireItemData and the application\'s idtGetBandedData both return E_OUTOFMEMORY.',
    },
    {
      id: 'scan-again',
      prompt: 'Cancel a scan (any way you like), then scan again: the second scan must complete, because the driver went back to idle.',
      hints: [
        'scan, appCancel (or hardwareCancel) with "after", then another scan without "after".',
      ],
      solution: {
        steps: [
          { action: 'scan', device: 'scanner' },
          { action: 'appCancel', device: 'scanner', after: 300 },
          { action: 'scan', device: 'scanner' },
        ],
      },
      alternatives: [
        { steps: [{ action: 'scan', device: 'scanner' }, { action: 'hardwareCancel', device: 'scanner', after: 500 }, { action: 'scan', device: 'scanner' }] },
        { steps: [{ action: 'scan', device: 'scanner' }, { action: 'asyncCancel', device: 'scanner', after: 200 }, { action: 'scan', device: 'scanner' }] },
      ],
      goal: {
        kind: 'sequence',
        matches: [
          { kind: 'wia', name: 'drvAcquireItemData', result: 'S_FALSE' },
          { kind: 'wia', name: 'drvAcquireItemData', result: 'S_OK' },
          { kind: 'wia', name: 'IWiaDataCallback::BandedDataCallback', args: { lMessage: 'IT_MSG_TERMINATION' } },
        ],
      },
      goalText: 'A cancelled transfer (drvAcquireItemData returns S_FALSE) is followed by a transfer that succeeds (S_OK) and ends with IT_MSG_TERMINATION.',
    },
  ],
  questions: [
    {
      id: 'stop-the-scanner',
      onTask: 'application-cancels',
      after: { kind: 'wia', name: 'IWiaDataCallback::BandedDataCallback', result: 'S_FALSE' },
      next: { kind: 'hw' },
      field: 'args.Command',
      prompt: 'The application has answered S_FALSE, and MiniDrvCallback returned S_FALSE to the driver. Which command does the driver send to the scanner next?',
      choices: ['START_SCAN', 'CANCEL_SCAN', 'UNLOCK'],
      answer: 'CANCEL_SCAN',
      explanation: 'S_FALSE means the transfer is cancelled: the driver must stop all acquisition and return the scanner to idle before it returns S_FALSE. Unlocking comes afterwards, in drvUnLockWiaDevice, called by the service.',
    },
    {
      id: 'after-cancel-button',
      onTask: 'cancel-button',
      after: { kind: 'hw', name: 'GetOverlappedResult', args: { DeviceStatus: 'CANCEL_BUTTON' } },
      next: { kind: 'wia' },
      field: 'name',
      prompt: 'The scanner reports that its cancel button was pressed; the read returned no data. Which WIA call comes next?',
      choices: ['MiniDrvCallback', 'drvUnLockWiaDevice', 'drvNotifyPnpEvent'],
      answer: 'drvUnLockWiaDevice',
      explanation: 'The driver sends no more data: it stops the scanner and returns S_FALSE from drvAcquireItemData. The service then unlocks the device, as after any transfer.',
    },
    {
      id: 'error-travels-back',
      onTask: 'application-error',
      after: { kind: 'user', name: 'appError' },
      next: { kind: 'wia', name: 'MiniDrvCallback' },
      field: 'result',
      prompt: 'The application is about to answer E_OUTOFMEMORY from its next BandedDataCallback. What will the driver\'s next MiniDrvCallback call return?',
      choices: ['S_OK', 'S_FALSE', 'E_OUTOFMEMORY', 'WIA_ERROR_GENERAL_ERROR'],
      answer: 'E_OUTOFMEMORY',
      explanation: 'The service passes the application\'s answer back unchanged. The driver must stop, go idle and return that same code from drvAcquireItemData: "all return codes received from MiniDrvCallback should be returned".',
    },
  ],
};
