// One component placed on a page (in a region or inside a tab): a package LWC rendered for real
// through lwc:is with its public properties, or the preview's stand-in for a standard component.
import { LightningElement, api } from 'lwc';

export interface PageItemView {
  key: string;
  name: string;
  ctor: unknown;
  props: Record<string, unknown>;
  isHighlights: boolean;
  isDetail: boolean;
  recordId?: string;
  objectApiName?: string;
}

export default class PageItem extends LightningElement {
  @api item?: PageItemView;
}
